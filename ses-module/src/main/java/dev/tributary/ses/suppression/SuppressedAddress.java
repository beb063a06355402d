package dev.tributary.ses.suppression;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a {@link SuppressionStore}: permanent (hard bounce, complaint) or temporary until
 * {@code expiresAt} (transient bounce).
 *
 * @param address the normalised address
 * @param reason why it is suppressed
 * @param at when the bounce or complaint happened
 * @param expiresAt when a temporary entry stops suppressing, or null for a permanent one
 */
public record SuppressedAddress(String address, SuppressionReason reason, Instant at, @Nullable Instant expiresAt) {
    /** Checks the required components. */
    public SuppressedAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    /**
     * Creates a permanent entry.
     *
     * @param address the normalised address
     * @param reason why it is suppressed
     * @param at when the bounce or complaint happened
     */
    public SuppressedAddress(String address, SuppressionReason reason, Instant at) {
        this(address, reason, at, null);
    }

    /** Returns whether the entry never expires. */
    public boolean permanent() {
        return expiresAt == null;
    }

    /** Returns when a temporary entry stops suppressing; empty for a permanent one. */
    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    /**
     * Returns whether the entry still suppresses at {@code now}.
     *
     * @param now the time to check
     * @return true for a permanent entry or a temporary one that has not expired
     */
    public boolean activeAt(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }

    @Override
    public String toString() {
        return "SuppressedAddress[address=<address>, reason=" + reason + ", at=" + at
                + (expiresAt == null ? "" : ", expiresAt=" + expiresAt) + "]";
    }
}
