package dev.tributary.core;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The service received the call and answered with an error (HTTP 4xx/5xx or an SMTP reply code).
 *
 * <p>Retryable when the service throttled ({@link #throttled()}) or failed on its side (5xx).
 */
public class TributaryServiceException extends TributaryException {
    private static final long serialVersionUID = 1L;

    private final @Nullable String errorCode;

    /**
     * For subclasses that add service-specific detail; call {@link Builder#build()} semantics first by using
     * {@link Builder#validated()}.
     *
     * @param b a builder whose message is set
     */
    protected TributaryServiceException(Builder b) {
        super(b.message, b.cause, b.retryable, b.throttled, b.statusCode, b.requestId);
        this.errorCode = b.errorCode;
    }

    /** Returns a builder; {@code message} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the service's error code, such as {@code ThrottlingException} or {@code MessageRejected}. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** Builds a {@link TributaryServiceException}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String message;
        private @Nullable Throwable cause;
        private boolean retryable;
        private boolean throttled;
        private int statusCode = -1;
        private @Nullable String requestId;
        private @Nullable String errorCode;

        private Builder() {}

        /** Sets what went wrong and how to fix it; never secrets, addresses, bodies or item values. */
        public Builder message(String message) {
            this.message = message;
            return this;
        }

        /** Sets the original exception. */
        public Builder cause(@Nullable Throwable cause) {
            this.cause = cause;
            return this;
        }

        /** Sets whether repeating the call may succeed. */
        public Builder retryable(boolean retryable) {
            this.retryable = retryable;
            return this;
        }

        /** Sets whether the service throttled the call; a throttled call is also retryable. */
        public Builder throttled(boolean throttled) {
            this.throttled = throttled;
            return this;
        }

        /** Sets the HTTP or SMTP status code, or -1 for none. */
        public Builder statusCode(int statusCode) {
            this.statusCode = statusCode;
            return this;
        }

        /** Sets the service request id. */
        public Builder requestId(@Nullable String requestId) {
            this.requestId = requestId;
            return this;
        }

        /** Sets the service error code. */
        public Builder errorCode(@Nullable String errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        /**
         * Builds the exception.
         *
         * @return the exception
         * @throws IllegalStateException if no message was set
         */
        public TributaryServiceException build() {
            return new TributaryServiceException(validated());
        }

        /**
         * Checks the builder for a subclass constructor.
         *
         * @return this builder
         * @throws IllegalStateException if no message was set
         */
        public Builder validated() {
            if (message == null || message.isBlank()) {
                throw new IllegalStateException("message is required");
            }
            if (throttled) {
                retryable = true;
            }
            return this;
        }
    }
}
