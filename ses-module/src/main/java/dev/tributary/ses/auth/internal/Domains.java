package dev.tributary.ses.auth.internal;

import com.google.common.net.InternetDomainName;
import dev.tributary.core.TributaryValidationException;
import java.net.IDN;
import java.util.Locale;

/**
 * Domain-name helpers: normalising user input and finding the organisational domain.
 *
 * <p>The organisational domain (RFC 7489 section 3.2) comes from the Public Suffix List as bundled with Guava's
 * {@link InternetDomainName}: the public suffix plus one label. Both sections of the list count, the ICANN
 * registry suffixes ({@code co.uk}, {@code com.au}) and the private ones ({@code github.io},
 * {@code herokuapp.com}): RFC 7489 names the list without excluding a section, and under a private suffix each
 * name belongs to a different owner, so {@code alice.github.io} must neither inherit {@code github.io}'s policy
 * nor align with {@code bob.github.io}. A name under a top-level domain the list does not know (such as
 * {@code .test}) takes the list's default rule {@code *}: its last two labels. The list is the one in the
 * Guava release on the classpath.
 */
public final class Domains {
    private Domains() {}

    /**
     * Turns a domain or an e-mail address into a lower-case ASCII domain without a trailing dot.
     *
     * @param input a domain such as {@code Example.COM.} or an address such as {@code sender@example.com}
     * @param field the field name for the validation error
     * @return the domain
     * @throws TributaryValidationException when the input is not a domain name with at least two labels
     */
    public static String normalize(String input, String field) {
        String s = input.trim();
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        if (s.endsWith(">")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw TributaryValidationException.of(field, "must be a domain name like example.com or an address "
                    + "like sender@example.com");
        }
        if (!isValid(ascii)) {
            throw TributaryValidationException.of(field, "must be a domain name like example.com or an address "
                    + "like sender@example.com");
        }
        return ascii;
    }

    /** Returns whether {@code name} is a syntactically valid host name with at least two labels. */
    public static boolean isValid(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || !label.matches("[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?")) {
                return false;
            }
        }
        return true;
    }

    /** Returns whether {@code child} is {@code parent} or a name under it. */
    public static boolean isAtOrUnder(String child, String parent) {
        return child.equals(parent) || child.endsWith("." + parent);
    }

    /** Returns whether {@code child} is strictly under {@code parent}. */
    public static boolean isUnder(String child, String parent) {
        return child.endsWith("." + parent);
    }

    /**
     * Returns the organisational domain of a normalised name: its public suffix (Public Suffix List, ICANN and
     * private sections) plus one label; the name itself when it is a public suffix; the last two labels when
     * the list knows no suffix for it.
     *
     * @param domain a normalised domain
     * @return the organisational domain
     */
    public static String organizational(String domain) {
        InternetDomainName name;
        try {
            name = InternetDomainName.from(domain);
        } catch (IllegalArgumentException e) {
            return lastTwoLabels(domain); // a name Guava's stricter syntax refuses (rare: checked by isValid)
        }
        if (name.isPublicSuffix() || !name.hasPublicSuffix()) {
            return name.isPublicSuffix() ? domain : lastTwoLabels(domain);
        }
        return name.topPrivateDomain().toString();
    }

    private static String lastTwoLabels(String domain) {
        String[] labels = domain.split("\\.");
        return labels.length <= 2 ? domain : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }
}
