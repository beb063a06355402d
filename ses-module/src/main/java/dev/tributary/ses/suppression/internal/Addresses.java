package dev.tributary.ses.suppression.internal;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.suppression.SuppressedAddress;
import dev.tributary.ses.suppression.SuppressionList;
import dev.tributary.ses.suppression.SuppressionReason;
import java.time.Instant;
import java.util.Objects;

/** Turns an address into the key a durable store keeps, refusing input that cannot be one. */
public final class Addresses {
    /** RFC 5321's limit on a forward path; far below DynamoDB's 2048-byte key limit. */
    static final int MAX_LENGTH = 320;

    private Addresses() {}

    /**
     * Returns the permanent entry a store writes for an address: the arguments every store checks before its
     * write, checked in one place so the in-memory and the DynamoDB store refuse the same input.
     *
     * @param address a bare address or a mailbox
     * @param reason why it is suppressed
     * @param at when the bounce or complaint happened
     * @return the entry, keyed by the normalised address
     * @throws TributaryValidationException when the address is not {@code local@domain}
     */
    public static SuppressedAddress permanent(String address, SuppressionReason reason, Instant at) {
        return new SuppressedAddress(key(address), reason, at);
    }

    /**
     * Returns the temporary entry a store writes for an address, as {@link #permanent} does for a permanent one.
     *
     * @param address a bare address or a mailbox
     * @param reason why it is suppressed
     * @param at when the bounce happened
     * @param expiresAt when the entry stops suppressing
     * @return the entry, keyed by the normalised address
     * @throws TributaryValidationException when the address is not {@code local@domain}
     */
    public static SuppressedAddress temporary(String address, SuppressionReason reason, Instant at,
            Instant expiresAt) {
        return new SuppressedAddress(key(address), reason, at, Objects.requireNonNull(expiresAt, "expiresAt"));
    }

    /**
     * Returns the normalised key of an address.
     *
     * @param address a bare address or a mailbox
     * @return the {@linkplain SuppressionList#normalize normalised} address
     * @throws TributaryValidationException when it is not {@code local@domain} (the message never repeats it)
     */
    public static String key(String address) {
        if (address == null) {
            throw TributaryValidationException.of("address", "is null; pass an e-mail address");
        }
        String key = SuppressionList.normalize(address);
        int at = key.lastIndexOf('@');
        if (at <= 0 || at == key.length() - 1) {
            throw TributaryValidationException.of("address", "is not of the form local@domain; pass a bare address"
                    + " or a mailbox such as 'Name <local@domain>'");
        }
        if (key.length() > MAX_LENGTH) {
            throw TributaryValidationException.of("address", "is longer than " + MAX_LENGTH + " characters");
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw TributaryValidationException.of("address", "contains whitespace or a control character at"
                        + " position " + i + "; pass one address per call");
            }
        }
        return key;
    }
}
