package dev.tributary.opensearch.model;

import dev.tributary.core.TributaryValidationException;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Per-call write options: refresh policy, optimistic concurrency ({@code if_seq_no}/{@code if_primary_term})
 * or an external version, and create-only. Immutable.
 *
 * <pre>{@code
 * Document<Product> d = index.get("p-1").orElseThrow();
 * index.put("p-1", changed, WriteOptions.builder().ifMatch(d.seqNo(), d.primaryTerm()).build());
 * index.put("p-1", fromDynamo, WriteOptions.builder().externalVersion(item.version()).build());
 * }</pre>
 */
public final class WriteOptions {
    private static final WriteOptions DEFAULTS = builder().build();

    private final Refresh refresh;
    private final @Nullable Long ifSeqNo;
    private final @Nullable Long ifPrimaryTerm;
    private final @Nullable Long externalVersion;
    private final boolean createOnly;

    private WriteOptions(Builder b) {
        this.refresh = b.refresh;
        this.ifSeqNo = b.ifSeqNo;
        this.ifPrimaryTerm = b.ifPrimaryTerm;
        this.externalVersion = b.externalVersion;
        this.createOnly = b.createOnly;
    }

    /** Returns the defaults: no refresh, no concurrency control. */
    public static WriteOptions defaults() {
        return DEFAULTS;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the refresh policy. */
    public Refresh refresh() {
        return refresh;
    }

    /** Returns the expected sequence number, if set. */
    public OptionalLong ifSeqNo() {
        return ifSeqNo == null ? OptionalLong.empty() : OptionalLong.of(ifSeqNo);
    }

    /** Returns the expected primary term, if set. */
    public OptionalLong ifPrimaryTerm() {
        return ifPrimaryTerm == null ? OptionalLong.empty() : OptionalLong.of(ifPrimaryTerm);
    }

    /** Returns the external version, if set. */
    public Optional<Long> externalVersion() {
        return Optional.ofNullable(externalVersion);
    }

    /** Returns whether the write must create a new document (fails if the id exists). */
    public boolean createOnly() {
        return createOnly;
    }

    /** Builds {@link WriteOptions}. Not thread-safe. */
    public static final class Builder {
        private Refresh refresh = Refresh.NONE;
        private @Nullable Long ifSeqNo;
        private @Nullable Long ifPrimaryTerm;
        private @Nullable Long externalVersion;
        private boolean createOnly;

        private Builder() {}

        /** Sets the refresh policy. */
        public Builder refresh(Refresh refresh) {
            this.refresh = refresh;
            return this;
        }

        /** Writes only if the document still has this sequence number and primary term. */
        public Builder ifMatch(long seqNo, long primaryTerm) {
            this.ifSeqNo = seqNo;
            this.ifPrimaryTerm = primaryTerm;
            return this;
        }

        /** Writes with an external version: applied only if greater than the stored version. */
        public Builder externalVersion(long version) {
            this.externalVersion = version;
            return this;
        }

        /** Fails with a conflict if the id already exists. */
        public Builder createOnly(boolean createOnly) {
            this.createOnly = createOnly;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the options
         * @throws TributaryValidationException when both seq_no and external version are set, or a version is
         *     negative
         */
        public WriteOptions build() {
            if (externalVersion != null && ifSeqNo != null) {
                throw TributaryValidationException.of("externalVersion",
                        "cannot be combined with ifMatch: choose one concurrency control");
            }
            if (externalVersion != null && externalVersion < 0) {
                throw TributaryValidationException.of("externalVersion", "must be >= 0");
            }
            return new WriteOptions(this);
        }
    }
}
