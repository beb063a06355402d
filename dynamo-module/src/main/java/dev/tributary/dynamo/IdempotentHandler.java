package dev.tributary.dynamo;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.TributaryValidationException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ChangeHandler} that runs its delegate at most once per idempotency key, as recorded in an
 * {@link IdempotencyLedger}, turning at-least-once delivery into effectively-once side effects.
 *
 * <p>For each event of a batch, in order: the key (by default the event id, or what
 * {@link Builder#keyFunction} returns) is claimed in the ledger. If the claim succeeds the delegate is called
 * with a one-event list and the key is marked done. If the key is already done the event is skipped. If
 * another worker holds a live claim, the batch is refused with a retryable {@link ClaimInProgressException};
 * events before it stay done. If the delegate throws, its claim is released and the exception is rethrown
 * unchanged, so the producer's failure policy applies and a redelivery skips the events already done.
 *
 * <p><b>Why one event per delegate call.</b> A delegate that throws halfway through a batch may already have
 * done the side effects of the first events, and the ledger cannot know which; releasing them all would
 * repeat those side effects on redelivery. Calling it per event lets each event be marked done the moment its
 * side effect succeeded. The price is that the delegate loses batching, and each event costs a conditional
 * write and a write in the ledger. A crash between a side effect and its {@code complete} still repeats that
 * one event after the claim timeout: once-per-key is as strong as the side effect's own idempotency there.
 *
 * <p>Thread-safe when the delegate is. Handlers sharing one ledger must use different
 * {@link Builder#namespace namespaces}, or one would skip what the other did.
 *
 * <pre>{@code
 * ChangeHandler<User> welcome = ChangeHandler.forEach(e -> mailer.sendWelcome(e.newImage().orElseThrow()));
 * ChangeHandler<User> once = IdempotentHandler.builder(welcome, ledger)
 *         .namespace("welcome-mail")
 *         .keyFunction(e -> String.valueOf(e.keys().get("userId")))
 *         .build();
 * }</pre>
 *
 * @param <T> the image type
 */
public final class IdempotentHandler<T> implements ChangeHandler<T> {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotentHandler.class);

    private final ChangeHandler<T> delegate;
    private final IdempotencyLedger ledger;
    private final Function<? super ChangeEvent<T>, String> keyFunction;
    private final String namespace;

    private IdempotentHandler(Builder<T> b) {
        this.delegate = b.delegate;
        this.ledger = b.ledger;
        this.keyFunction = b.keyFunction;
        this.namespace = b.namespace;
    }

    /**
     * Wraps {@code delegate} with event ids as keys and no namespace.
     *
     * @param delegate the handler with side effects
     * @param ledger where claims and completions are recorded
     * @param <T> the image type
     * @return the idempotent handler
     */
    public static <T> IdempotentHandler<T> wrap(ChangeHandler<T> delegate, IdempotencyLedger ledger) {
        return builder(delegate, ledger).build();
    }

    /**
     * Returns a builder for a handler that wraps {@code delegate}.
     *
     * @param delegate the handler with side effects
     * @param ledger where claims and completions are recorded
     * @param <T> the image type
     * @return the builder
     */
    public static <T> Builder<T> builder(ChangeHandler<T> delegate, IdempotencyLedger ledger) {
        return new Builder<>(delegate, ledger);
    }

    /**
     * Handles the batch event by event, skipping events whose key is done.
     *
     * @param batch the events, in stream order
     * @throws ClaimInProgressException when another worker holds a live claim on an event's key
     * @throws TributaryValidationException when the key function returns a blank key
     * @throws RuntimeException the delegate's failure, unchanged, after its claim was released
     */
    @Override
    public void handle(List<ChangeEvent<T>> batch) {
        for (ChangeEvent<T> event : batch) {
            handleOne(event);
        }
    }

    private void handleOne(ChangeEvent<T> event) {
        String key = key(event);
        if (!ledger.tryClaim(key)) {
            if (ledger.isDone(key)) {
                LOG.debug("Skipping event already done [eventId={}, partition={}]", event.eventId(), event.partition());
                return;
            }
            throw ClaimInProgressException.of(event.eventId());
        }
        try {
            delegate.handle(List.of(event));
        } catch (RuntimeException failure) {
            try {
                ledger.release(key);
            } catch (RuntimeException releaseFailure) {
                // The claim then expires after the claim timeout; the delegate's failure is what matters.
                failure.addSuppressed(releaseFailure);
            }
            throw failure;
        }
        ledger.complete(key);
    }

    private String key(ChangeEvent<T> event) {
        String key = keyFunction.apply(event);
        if (key == null || key.isBlank()) {
            throw TributaryValidationException.of("keyFunction",
                    "returned no key for event [eventId=" + event.eventId() + "]; return a non-blank string");
        }
        return namespace.isEmpty() ? key : namespace + "#" + key;
    }

    /**
     * Builds an {@link IdempotentHandler}; validates at {@link #build()}. Not thread-safe.
     *
     * @param <T> the image type
     */
    public static final class Builder<T> {
        private final ChangeHandler<T> delegate;
        private final IdempotencyLedger ledger;
        private Function<? super ChangeEvent<T>, String> keyFunction = ChangeEvent::eventId;
        private String namespace = "";

        private Builder(ChangeHandler<T> delegate, IdempotencyLedger ledger) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
            this.ledger = Objects.requireNonNull(ledger, "ledger");
        }

        /**
         * Sets how an event's idempotency key is derived; default {@link ChangeEvent#eventId()}. A business
         * key (such as the user id for a welcome mail) makes the side effect run once per business key, even
         * across different events.
         *
         * @param keyFunction returns a non-blank key; called once per event
         * @return this builder
         */
        public Builder<T> keyFunction(Function<? super ChangeEvent<T>, String> keyFunction) {
            this.keyFunction = Objects.requireNonNull(keyFunction, "keyFunction");
            return this;
        }

        /**
         * Sets a prefix that keeps this handler's keys apart from other handlers' in a shared ledger; default
         * none.
         *
         * @param namespace a name such as {@code "welcome-mail"}; must not contain {@code #}
         * @return this builder
         */
        public Builder<T> namespace(String namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            return this;
        }

        /**
         * Validates and builds the handler.
         *
         * @return the handler
         * @throws TributaryValidationException when the namespace contains {@code #}
         */
        public IdempotentHandler<T> build() {
            if (namespace.contains("#")) {
                throw TributaryValidationException.of("namespace", "must not contain '#', which separates it from keys");
            }
            return new IdempotentHandler<>(this);
        }
    }
}
