package dev.tributary.ses.auth.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** A syntactically valid SPF record (RFC 7208 section 4.6 and 12): its directives and modifiers. Immutable. */
public final class SpfRecord {
    /** The SPF mechanisms. */
    public enum Mechanism {
        ALL, INCLUDE, A, MX, PTR, IP4, IP6, EXISTS;

        /** Returns whether the mechanism costs a DNS lookup (RFC 7208 section 4.6.4). */
        public boolean isLookup() {
            return this == INCLUDE || this == A || this == MX || this == PTR || this == EXISTS;
        }
    }

    /**
     * One directive.
     *
     * @param qualifier {@code +}, {@code -}, {@code ~} or {@code ?}
     * @param mechanism the mechanism
     * @param domain the domain-spec, or null when the mechanism has none (or it is an address)
     * @param text the term as written
     */
    public record Directive(char qualifier, Mechanism mechanism, @Nullable String domain, String text) {}

    private static final Pattern MACRO = Pattern.compile("%(\\{[slodiphcrtvSLODIPHCRTV][0-9]*[rR]?[.\\-+,/_=]*}|[%_-])");
    private static final Pattern MODIFIER = Pattern.compile("([A-Za-z][A-Za-z0-9_.-]*)=(.*)");
    private static final Pattern CIDR = Pattern.compile("^(.*?)((?:/[0-9]{1,3})?(?://[0-9]{1,3})?)$");
    private static final Pattern IP4 = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");

    private final String text;
    private final List<Directive> directives;
    private final @Nullable String redirect;

    private SpfRecord(String text, List<Directive> directives, @Nullable String redirect) {
        this.text = text;
        this.directives = List.copyOf(directives);
        this.redirect = redirect;
    }

    /** Returns whether a TXT record is an SPF record: {@code v=spf1} alone or followed by a space. */
    public static boolean isSpf(String txt) {
        String t = txt.trim().toLowerCase(Locale.ROOT);
        return t.equals("v=spf1") || t.startsWith("v=spf1 ");
    }

    /** Returns whether a domain-spec contains macros, which cannot be expanded without a connection. */
    public static boolean hasMacro(String domainSpec) {
        return domainSpec.indexOf('%') >= 0;
    }

    /**
     * Parses an SPF record.
     *
     * @param text the TXT record text, strings joined
     * @return the record
     * @throws IllegalArgumentException saying which term is wrong and why
     */
    public static SpfRecord parse(String text) {
        String[] terms = text.trim().split("[ \\t]+");
        if (terms.length == 0 || !terms[0].equalsIgnoreCase("v=spf1")) {
            throw new IllegalArgumentException("the record must start with v=spf1");
        }
        List<Directive> directives = new ArrayList<>();
        String redirect = null;
        boolean exp = false;
        for (int i = 1; i < terms.length; i++) {
            String term = terms[i];
            Matcher m = MODIFIER.matcher(term);
            if (m.matches()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                String value = m.group(2);
                if (name.equals("redirect") || name.equals("exp")) {
                    checkDomainSpec(term, value);
                    if (name.equals("redirect") ? redirect != null : exp) {
                        throw new IllegalArgumentException("'" + name + "=' appears more than once");
                    }
                    if (name.equals("redirect")) {
                        redirect = value.toLowerCase(Locale.ROOT);
                    } else {
                        exp = true;
                    }
                } else {
                    checkMacros(term, value);
                }
                continue;
            }
            directives.add(directive(term));
        }
        return new SpfRecord(text.trim(), directives, redirect);
    }

    /** Returns the record text. */
    public String text() {
        return text;
    }

    /** Returns the directives in order. */
    public List<Directive> directives() {
        return directives;
    }

    /** Returns the {@code redirect=} domain-spec, when present. */
    public Optional<String> redirect() {
        return Optional.ofNullable(redirect);
    }

    /** Returns the {@code all} directive, when present (the first one; later ones are never reached). */
    public Optional<Directive> all() {
        return directives.stream().filter(d -> d.mechanism() == Mechanism.ALL).findFirst();
    }

    private static Directive directive(String term) {
        char qualifier = '+';
        String rest = term;
        if ("+-~?".indexOf(term.charAt(0)) >= 0) {
            qualifier = term.charAt(0);
            rest = term.substring(1);
        }
        int sep = indexOfAny(rest, ":/");
        String name = (sep < 0 ? rest : rest.substring(0, sep)).toLowerCase(Locale.ROOT);
        String arg = sep < 0 ? "" : rest.substring(sep);
        switch (name) {
            case "all":
                requireEmpty(term, arg);
                return new Directive(qualifier, Mechanism.ALL, null, term);
            case "include":
            case "exists":
                if (!arg.startsWith(":") || arg.length() == 1) {
                    throw new IllegalArgumentException("'" + term + "' needs a domain: " + name + ":example.com");
                }
                checkDomainSpec(term, arg.substring(1));
                return new Directive(qualifier, name.equals("include") ? Mechanism.INCLUDE : Mechanism.EXISTS,
                        arg.substring(1).toLowerCase(Locale.ROOT), term);
            case "a":
            case "mx":
                return addressMechanism(qualifier, name.equals("a") ? Mechanism.A : Mechanism.MX, term, arg);
            case "ptr":
                if (!arg.isEmpty() && (!arg.startsWith(":") || arg.length() == 1)) {
                    throw new IllegalArgumentException("'" + term + "' is not ptr or ptr:domain");
                }
                if (!arg.isEmpty()) {
                    checkDomainSpec(term, arg.substring(1));
                }
                return new Directive(qualifier, Mechanism.PTR,
                        arg.isEmpty() ? null : arg.substring(1).toLowerCase(Locale.ROOT), term);
            case "ip4":
            case "ip6":
                checkAddress(term, name, arg);
                return new Directive(qualifier, name.equals("ip4") ? Mechanism.IP4 : Mechanism.IP6, null, term);
            default:
                throw new IllegalArgumentException("unknown mechanism '" + term + "'");
        }
    }

    private static Directive addressMechanism(char qualifier, Mechanism mechanism, String term, String arg) {
        Matcher m = CIDR.matcher(arg);
        m.matches();
        String domainPart = m.group(1);
        checkCidr(term, m.group(2), 32, 128);
        if (domainPart.isEmpty()) {
            return new Directive(qualifier, mechanism, null, term);
        }
        if (!domainPart.startsWith(":") || domainPart.length() == 1) {
            throw new IllegalArgumentException("'" + term + "' is not valid; use a, a:example.com or a/24");
        }
        checkDomainSpec(term, domainPart.substring(1));
        return new Directive(qualifier, mechanism, domainPart.substring(1).toLowerCase(Locale.ROOT), term);
    }

    private static void checkAddress(String term, String kind, String arg) {
        if (!arg.startsWith(":")) {
            throw new IllegalArgumentException("'" + term + "' needs an address: " + kind + ":192.0.2.0/24");
        }
        String value = arg.substring(1);
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        String cidr = slash < 0 ? "" : value.substring(slash);
        boolean ok;
        if (kind.equals("ip4")) {
            Matcher m = IP4.matcher(address);
            ok = m.matches();
            for (int g = 1; ok && g <= 4; g++) {
                ok = Integer.parseInt(m.group(g)) <= 255;
            }
            if (ok && !cidr.isEmpty()) {
                ok = cidr.matches("/[0-9]{1,2}") && Integer.parseInt(cidr.substring(1)) <= 32;
            }
        } else {
            ok = address.indexOf(':') >= 0 && address.matches("[0-9A-Fa-f:.]+") && isInetLiteral(address);
            if (ok && !cidr.isEmpty()) {
                ok = cidr.matches("/[0-9]{1,3}") && Integer.parseInt(cidr.substring(1)) <= 128;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("'" + term + "' is not a valid " + kind + " address or network");
        }
    }

    private static boolean isInetLiteral(String address) {
        try {
            // Only hex digits, ':' and '.' reach here, so this parses a literal and never queries DNS.
            InetAddress.getByName(address);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static void checkCidr(String term, String cidr, int max4, int max6) {
        if (cidr.isEmpty()) {
            return;
        }
        String[] parts = cidr.split("//", -1);
        boolean ok = true;
        if (!parts[0].isEmpty()) {
            ok = Integer.parseInt(parts[0].substring(1)) <= max4;
        }
        if (ok && parts.length > 1) {
            ok = Integer.parseInt(parts[1]) <= max6;
        }
        if (!ok) {
            throw new IllegalArgumentException("'" + term + "' has a prefix length out of range");
        }
    }

    private static void checkDomainSpec(String term, String spec) {
        checkMacros(term, spec);
        if (hasMacro(spec)) {
            return;
        }
        String d = spec.endsWith(".") ? spec.substring(0, spec.length() - 1) : spec;
        if (!Domains.isValid(d)) {
            throw new IllegalArgumentException("'" + term + "' does not name a valid domain");
        }
    }

    private static void checkMacros(String term, String value) {
        String stripped = MACRO.matcher(value).replaceAll("");
        if (stripped.indexOf('%') >= 0) {
            throw new IllegalArgumentException("'" + term + "' has an invalid macro; a literal % is written %%");
        }
    }

    private static void requireEmpty(String term, String arg) {
        if (!arg.isEmpty()) {
            throw new IllegalArgumentException("'" + term + "' takes no argument; write all");
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
