package dev.tributary.ses.suppression;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers whether mail to an address must not be sent: the read-only view a mailer consults before each
 * send. Implementations must be thread-safe and fast (called once per recipient on the sending thread).
 *
 * <pre>{@code
 * InMemorySuppressionStore store = InMemorySuppressionStore.create();
 * SuppressionList list = store;                                // a store is a list
 * SuppressionList fixed = SuppressionList.of(Set.of("noreply@example.com"));
 * boolean skip = list.isSuppressed("Ann <Ann@Example.com>");   // forms are normalised
 * }</pre>
 */
@FunctionalInterface
public interface SuppressionList {
    /** A list that suppresses nothing. */
    SuppressionList NONE = address -> false;

    /**
     * Returns whether mail to {@code address} must not be sent.
     *
     * @param address a bare address ({@code ann@example.com}) or a mailbox ({@code Ann <ann@example.com>});
     *     implementations compare {@linkplain #normalize(String) normalised} forms
     * @return true when the address is suppressed
     */
    boolean isSuppressed(String address);

    /**
     * Returns the addresses among {@code addresses} that are suppressed, in their given order and form.
     *
     * @param addresses the recipients of one message
     * @return the suppressed ones; empty when all may be sent to
     */
    default List<String> suppressedAmong(Collection<String> addresses) {
        List<String> out = new ArrayList<>();
        for (String a : addresses) {
            if (isSuppressed(a)) {
                out.add(a);
            }
        }
        return out;
    }

    /**
     * Returns a fixed list, for tests and static block lists.
     *
     * @param addresses the suppressed addresses, in any form {@link #normalize(String)} accepts
     * @return the list
     */
    static SuppressionList of(Collection<String> addresses) {
        Set<String> set = addresses.stream().map(SuppressionList::normalize).collect(Collectors.toUnmodifiableSet());
        return address -> set.contains(normalize(address));
    }

    /**
     * Returns the key suppression compares: the bare address (taken from between {@code <} and {@code >}
     * when present), trimmed and lower-cased. Lower-casing the local part is what SES's own suppression list
     * does in practice and keeps one person from being listed twice.
     *
     * @param address a bare address or a mailbox
     * @return the normalised address
     */
    static String normalize(String address) {
        String s = address.strip();
        int lt = s.lastIndexOf('<');
        int gt = s.lastIndexOf('>');
        if (lt >= 0 && gt > lt) {
            s = s.substring(lt + 1, gt).strip();
        }
        return s.toLowerCase(Locale.ROOT);
    }
}
