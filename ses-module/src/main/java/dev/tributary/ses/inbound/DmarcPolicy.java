package dev.tributary.ses.inbound;

import java.util.Locale;
import java.util.Optional;

/** The sending domain's DMARC policy, reported by SES when a message failed DMARC. */
public enum DmarcPolicy {
    /** The domain asks for no particular action. */
    NONE,
    /** The domain asks receivers to treat failing mail as suspicious. */
    QUARANTINE,
    /** The domain asks receivers to reject failing mail. */
    REJECT;

    /**
     * Finds the policy for SES's {@code dmarcPolicy} value, ignoring case.
     *
     * @param value e.g. {@code reject}
     * @return the policy, or empty when unknown
     */
    public static Optional<DmarcPolicy> fromValue(String value) {
        try {
            return Optional.of(valueOf(value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
