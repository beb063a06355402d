package dev.tributary.ses.auth;

import dev.tributary.core.TributaryValidationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A parsed DMARC record (RFC 7489): policy, subdomain policy, pct, report addresses and alignment modes.
 * Immutable.
 *
 * <pre>{@code
 * DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=reject; rua=mailto:dmarc@example.com; adkim=s");
 * r.policy();    // REJECT
 * r.dkimMode();  // STRICT
 * }</pre>
 */
public final class DmarcRecord {
    /** The requested handling of mail that fails DMARC. */
    public enum Policy {
        /** Monitor only. */
        NONE,
        /** Treat failing mail as suspicious (spam folder). */
        QUARANTINE,
        /** Reject failing mail. */
        REJECT
    }

    /** An identifier alignment mode ({@code adkim} / {@code aspf}). */
    public enum Mode {
        /** Organisational domains must match (the default). */
        RELAXED,
        /** Domains must be identical. */
        STRICT
    }

    private final String text;
    private final Policy policy;
    private final @Nullable Policy subdomainPolicy;
    private final int pct;
    private final List<String> rua;
    private final List<String> ruf;
    private final Mode dkimMode;
    private final Mode spfMode;

    private DmarcRecord(String text, Map<String, String> tags) {
        this.text = text;
        this.policy = policy("p", tags.get("p"));
        this.subdomainPolicy = tags.containsKey("sp") ? policy("sp", tags.get("sp")) : null;
        this.pct = pct(tags.getOrDefault("pct", "100"));
        this.rua = uris("rua", tags.get("rua"));
        this.ruf = uris("ruf", tags.get("ruf"));
        this.dkimMode = mode("adkim", tags.getOrDefault("adkim", "r"));
        this.spfMode = mode("aspf", tags.getOrDefault("aspf", "r"));
    }

    /**
     * Parses the text of a DMARC TXT record (the character-strings already joined).
     *
     * @param text the record, starting with {@code v=DMARC1}
     * @return the parsed record
     * @throws TributaryValidationException naming the bad tag when the record is not valid DMARC
     */
    public static DmarcRecord parse(String text) {
        String[] parts = text.trim().split(";", -1);
        Map<String, String> tags = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                if (i == parts.length - 1) {
                    continue;
                }
                throw TributaryValidationException.of("dmarc", "empty tag between ';' separators; remove it");
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw TributaryValidationException.of("dmarc", "each tag must look like name=value; tag " + (i + 1)
                        + " does not");
            }
            String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).trim();
            if (i == 0 && !(name.equals("v") && value.equals("DMARC1"))) {
                throw TributaryValidationException.of("dmarc.v", "the record must start with v=DMARC1");
            }
            if (tags.put(name, value) != null) {
                throw TributaryValidationException.of("dmarc." + name, "tag appears twice; keep one");
            }
        }
        return new DmarcRecord(text.trim(), tags);
    }

    /** Returns the record text as published. */
    public String text() {
        return text;
    }

    /** Returns the policy ({@code p=}). */
    public Policy policy() {
        return policy;
    }

    /** Returns the subdomain policy ({@code sp=}), when set. */
    public Optional<Policy> subdomainPolicy() {
        return Optional.ofNullable(subdomainPolicy);
    }

    /** Returns the percentage of failing mail the policy applies to ({@code pct=}, default 100). */
    public int pct() {
        return pct;
    }

    /** Returns the aggregate report URIs ({@code rua=}); empty when none. */
    public List<String> rua() {
        return rua;
    }

    /** Returns the failure report URIs ({@code ruf=}); empty when none. */
    public List<String> ruf() {
        return ruf;
    }

    /** Returns the DKIM alignment mode ({@code adkim=}, default relaxed). */
    public Mode dkimMode() {
        return dkimMode;
    }

    /** Returns the SPF alignment mode ({@code aspf=}, default relaxed). */
    public Mode spfMode() {
        return spfMode;
    }

    @Override
    public String toString() {
        return text;
    }

    private static Policy policy(String tag, @Nullable String value) {
        if (value == null) {
            throw TributaryValidationException.of("dmarc.p", "the p= tag is required: p=none, p=quarantine or "
                    + "p=reject");
        }
        switch (value.toLowerCase(Locale.ROOT)) {
            case "none":
                return Policy.NONE;
            case "quarantine":
                return Policy.QUARANTINE;
            case "reject":
                return Policy.REJECT;
            default:
                throw TributaryValidationException.of("dmarc." + tag, "must be none, quarantine or reject");
        }
    }

    private static Mode mode(String tag, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "r":
                return Mode.RELAXED;
            case "s":
                return Mode.STRICT;
            default:
                throw TributaryValidationException.of("dmarc." + tag, "must be r (relaxed) or s (strict)");
        }
    }

    private static int pct(String value) {
        try {
            int p = Integer.parseInt(value);
            if (p >= 0 && p <= 100) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw TributaryValidationException.of("dmarc.pct", "must be a whole number from 0 to 100");
    }

    private static List<String> uris(String tag, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String uri : value.split(",")) {
            String u = uri.trim();
            if (!u.matches("(?i)[a-z][a-z0-9+.-]*:\\S+")) {
                throw TributaryValidationException.of("dmarc." + tag, "must be a comma-separated list of URIs "
                        + "such as mailto:dmarc@example.com");
            }
            out.add(u);
        }
        return List.copyOf(out);
    }
}
