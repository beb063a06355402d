package dev.tributary.ses.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One check's result in a {@link DomainAuthReport}: the stable {@linkplain CheckIds check id}, the status, the
 * DNS name looked at, what was seen there, what was expected, and the records to publish to fix it. Immutable.
 */
public final class Finding {
    private final String checkId;
    private final CheckStatus status;
    private final String subject;
    private final @Nullable DnsStatus dnsStatus;
    private final List<String> seen;
    private final String expected;
    private final String message;
    private final List<DnsRecord> fix;

    private Finding(Builder b) {
        this.checkId = b.checkId;
        this.status = b.status;
        this.subject = b.subject;
        this.dnsStatus = b.dnsStatus;
        this.seen = List.copyOf(b.seen);
        this.expected = b.expected;
        this.message = b.message;
        this.fix = List.copyOf(b.fix);
    }

    /**
     * Returns a builder for a finding.
     *
     * @param checkId one of {@link CheckIds}
     * @param status the outcome
     * @return the builder
     */
    public static Builder builder(String checkId, CheckStatus status) {
        return new Builder(Objects.requireNonNull(checkId, "checkId"), Objects.requireNonNull(status, "status"));
    }

    /** Returns the stable check id, one of {@link CheckIds}. */
    public String checkId() {
        return checkId;
    }

    /** Returns the outcome. */
    public CheckStatus status() {
        return status;
    }

    /** Returns the DNS name (or SES setting) the check looked at; empty when there was none. */
    public String subject() {
        return subject;
    }

    /** Returns the result of the main DNS query behind this finding, when the check made one. */
    public Optional<DnsStatus> dnsStatus() {
        return Optional.ofNullable(dnsStatus);
    }

    /** Returns the records (or DNS results) seen, one per entry, in zone-file-like form; may be empty. */
    public List<String> seen() {
        return seen;
    }

    /** Returns what the check expected to see. */
    public String expected() {
        return expected;
    }

    /** Returns a one-line explanation: what is wrong and what to do, or why it passed. */
    public String message() {
        return message;
    }

    /** Returns the records to publish to fix this finding; empty when it passed or no record can fix it. */
    public List<DnsRecord> fix() {
        return fix;
    }

    @Override
    public String toString() {
        return "Finding[" + checkId + "=" + status + (dnsStatus == null ? "" : ", dns=" + dnsStatus) + ", "
                + message + "]";
    }

    /** Builds a {@link Finding}. Not thread-safe. */
    public static final class Builder {
        private final String checkId;
        private final CheckStatus status;
        private String subject = "";
        private @Nullable DnsStatus dnsStatus;
        private final List<String> seen = new ArrayList<>();
        private String expected = "";
        private String message = "";
        private final List<DnsRecord> fix = new ArrayList<>();

        private Builder(String checkId, CheckStatus status) {
            this.checkId = checkId;
            this.status = status;
        }

        /** Sets the DNS name or setting looked at. */
        public Builder subject(String subject) {
            this.subject = Objects.requireNonNull(subject, "subject");
            return this;
        }

        /** Sets the result of the main DNS query, or null when none was made. */
        public Builder dnsStatus(@Nullable DnsStatus dnsStatus) {
            this.dnsStatus = dnsStatus;
            return this;
        }

        /** Adds seen records or results. */
        public Builder seen(List<String> seen) {
            this.seen.addAll(seen);
            return this;
        }

        /** Adds one seen record or result. */
        public Builder seen(String seen) {
            this.seen.add(Objects.requireNonNull(seen, "seen"));
            return this;
        }

        /** Sets what was expected. */
        public Builder expected(String expected) {
            this.expected = Objects.requireNonNull(expected, "expected");
            return this;
        }

        /** Sets the one-line explanation. */
        public Builder message(String message) {
            this.message = Objects.requireNonNull(message, "message");
            return this;
        }

        /** Adds records to publish. */
        public Builder fix(List<DnsRecord> records) {
            this.fix.addAll(records);
            return this;
        }

        /** Adds one record to publish. */
        public Builder fix(DnsRecord record) {
            this.fix.add(Objects.requireNonNull(record, "record"));
            return this;
        }

        /** Returns the finding. */
        public Finding build() {
            return new Finding(this);
        }
    }
}
