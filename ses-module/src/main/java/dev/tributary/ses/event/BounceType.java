package dev.tributary.ses.event;

import java.util.Optional;

/** How SES classifies a bounce. */
public enum BounceType {
    /** A hard bounce: the address does not accept mail; remove it from your lists. */
    PERMANENT("Permanent"),
    /** A soft bounce (mailbox full, message too large, ...): retrying later may work. */
    TRANSIENT("Transient"),
    /** SES could not tell from the bounce message. */
    UNDETERMINED("Undetermined");

    private final String wireName;

    BounceType(String wireName) {
        this.wireName = wireName;
    }

    /** Returns the name SES uses, e.g. {@code Permanent}. */
    public String wireName() {
        return wireName;
    }

    /**
     * Finds the type for SES's {@code bounceType}, ignoring case.
     *
     * @param name the value from the record
     * @return the type, or empty when SES does not define it
     */
    public static Optional<BounceType> fromWireName(String name) {
        for (BounceType t : values()) {
            if (t.wireName.equalsIgnoreCase(name.strip())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
