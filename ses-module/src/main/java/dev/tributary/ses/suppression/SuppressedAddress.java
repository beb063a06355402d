package dev.tributary.ses.suppression;

import java.time.Instant;

/**
 * One entry of an {@link InMemorySuppressionStore}.
 *
 * @param address the normalised address
 * @param reason why it is suppressed
 * @param at when the bounce or complaint happened
 */
public record SuppressedAddress(String address, SuppressionReason reason, Instant at) {
    @Override
    public String toString() {
        return "SuppressedAddress[address=<address>, reason=" + reason + ", at=" + at + "]";
    }
}
