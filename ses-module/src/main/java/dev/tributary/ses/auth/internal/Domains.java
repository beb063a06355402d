package dev.tributary.ses.auth.internal;

import dev.tributary.core.TributaryValidationException;
import java.net.IDN;
import java.util.Locale;
import java.util.Set;

/**
 * Domain-name helpers: normalising user input and finding the organisational domain.
 *
 * <p>The organisational domain is approximated without the Public Suffix List: the last two labels, or the last
 * three when the last two are a common multi-label public suffix in {@link #MULTI_LABEL_SUFFIXES} (such as
 * {@code co.uk}). Domains under other multi-label suffixes (private registries like {@code github.io}, or
 * country suffixes missing from the list) get a wrong organisational domain, which only matters for the DMARC
 * fallback lookup and relaxed alignment.
 */
public final class Domains {
    /** Common public suffixes with two labels; not the Public Suffix List. */
    public static final Set<String> MULTI_LABEL_SUFFIXES = Set.of(
            "co.uk", "org.uk", "ac.uk", "gov.uk", "me.uk", "ltd.uk", "plc.uk", "net.uk", "sch.uk",
            "com.au", "net.au", "org.au", "edu.au", "gov.au", "asn.au", "id.au",
            "co.nz", "net.nz", "org.nz", "govt.nz", "ac.nz",
            "co.jp", "ne.jp", "or.jp", "ac.jp", "go.jp",
            "co.kr", "or.kr", "co.in", "net.in", "org.in", "co.za", "org.za", "co.il", "org.il",
            "com.br", "net.br", "org.br", "com.cn", "net.cn", "org.cn", "com.hk", "com.tw", "com.sg", "com.my",
            "com.mx", "com.ar", "com.co", "com.tr", "com.ua", "com.pl", "com.es", "com.pt", "com.ph", "com.vn",
            "co.id", "co.th", "com.eg", "com.sa", "com.ng", "com.pk");

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
     * Returns the organisational domain of a normalised name: the last two labels, or three under a
     * {@linkplain #MULTI_LABEL_SUFFIXES known multi-label suffix}.
     *
     * @param domain a normalised domain
     * @return the organisational domain (the name itself when it has too few labels)
     */
    public static String organizational(String domain) {
        String[] labels = domain.split("\\.");
        if (labels.length <= 2) {
            return domain;
        }
        String lastTwo = labels[labels.length - 2] + "." + labels[labels.length - 1];
        int keep = MULTI_LABEL_SUFFIXES.contains(lastTwo) ? 3 : 2;
        if (labels.length <= keep) {
            return domain;
        }
        return String.join(".", java.util.Arrays.copyOfRange(labels, labels.length - keep, labels.length));
    }
}
