package dev.tributary.ses.auth.internal;

import dev.tributary.ses.auth.CheckIds;
import dev.tributary.ses.auth.CheckStatus;
import dev.tributary.ses.auth.DnsRecord;
import dev.tributary.ses.auth.DnsStatus;
import dev.tributary.ses.auth.Finding;
import dev.tributary.ses.auth.SesIdentity;
import dev.tributary.ses.auth.internal.DnsSource.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The DKIM checks: {@code dkim-status}, {@code dkim} and (BYODKIM) {@code dkim-key-length}. Thread-safe. */
final class DkimCheck {
    static final int MIN_KEY_BITS = 1024;
    private static final String CNAME_SUFFIX = ".dkim.amazonses.com";

    private final DnsSource dns;

    DkimCheck(DnsSource dns) {
        this.dns = dns;
    }

    List<Finding> run(SesIdentity id) {
        List<Finding> out = new ArrayList<>();
        status(id).ifPresent(out::add);
        if (id.signingMode() == SesIdentity.SigningMode.BYODKIM) {
            byodkim(id, out);
        } else {
            out.add(easy(id));
        }
        return out;
    }

    private Optional<Finding> status(SesIdentity id) {
        if (id.dkimStatus().isEmpty()) {
            return Optional.empty();
        }
        String status = id.dkimStatus().get();
        boolean ok = status.equals("SUCCESS");
        Finding.Builder f = Finding.builder(CheckIds.DKIM_STATUS, ok ? CheckStatus.PASS : CheckStatus.FAIL)
                .subject("SES DkimAttributes.Status of " + id.domain()).seen(status).expected("SUCCESS");
        if (ok) {
            return Optional.of(f.message("SES has verified the DKIM records and signs mail for "
                    + id.domain()).build());
        }
        return Optional.of(f.fix(fixRecords(id))
                .message(status.equals("PENDING") || status.equals("NOT_STARTED")
                        ? "SES has not verified the DKIM records yet (" + status + "); it keeps checking for up to "
                                + "72 hours after they are published, and does not sign with " + id.domain()
                                + " until then"
                        : "SES could not verify the DKIM records (" + status + "); publish these records, then "
                                + "SES re-checks them")
                .build());
    }

    private Finding easy(SesIdentity id) {
        String expected = "3 CNAME records <token>._domainkey." + id.domain() + " -> <token>" + CNAME_SUFFIX;
        if (id.dkimTokens().isEmpty()) {
            return Finding.builder(CheckIds.DKIM, CheckStatus.WARN).subject("_domainkey." + id.domain())
                    .expected(expected)
                    .message("No Easy DKIM tokens or BYODKIM selector known, so DKIM was not checked; pass the "
                            + "SES identity data (GetEmailIdentity DkimAttributes)")
                    .build();
        }
        List<String> seen = new ArrayList<>();
        List<DnsRecord> fix = new ArrayList<>();
        DnsStatus worstDns = DnsStatus.OK;
        boolean wrong = false;
        boolean unknown = false;
        for (String token : id.dkimTokens()) {
            String t = token.toLowerCase(Locale.ROOT);
            String name = t + "._domainkey." + id.domain();
            DnsAnswer a = dns.query(name, Type.CNAME);
            if (a.status() != DnsStatus.OK) {
                worstDns = worstDns == DnsStatus.OK ? a.status() : worstDns;
                seen.add(name + ": " + a.describe());
            } else {
                a.values().forEach(v -> seen.add(name + " CNAME " + v));
            }
            if (a.status().isError()) {
                unknown = true;
            } else if (!(a.values().size() == 1 && isSesTarget(t, a.values().get(0), id))) {
                wrong = true;
                fix.add(DnsRecord.of(name, "CNAME", t + CNAME_SUFFIX));
            }
        }
        CheckStatus status = wrong ? CheckStatus.FAIL : unknown ? CheckStatus.WARN : CheckStatus.PASS;
        String message = status == CheckStatus.PASS
                ? "All " + id.dkimTokens().size() + " Easy DKIM CNAME records point to SES"
                : status == CheckStatus.FAIL
                        ? fix.size() + " of " + id.dkimTokens().size() + " Easy DKIM CNAME records are missing or "
                                + "wrong; publish the records below"
                        : "Some Easy DKIM CNAME records could not be looked up (" + worstDns + "); result unknown, "
                                + "retry later";
        return Finding.builder(CheckIds.DKIM, status).subject("_domainkey." + id.domain()).dnsStatus(worstDns)
                .seen(seen).expected(expected).message(message).fix(fix).build();
    }

    private static boolean isSesTarget(String token, String target, SesIdentity id) {
        // Easy DKIM in newer regions points to <token>.dkim.<region>.amazonses.com.
        return target.equals(token + CNAME_SUFFIX)
                || target.matches(java.util.regex.Pattern.quote(token) + "\\.dkim\\.[a-z0-9-]+\\.amazonses\\.com")
                        && id.region().map(r -> target.equals(token + ".dkim." + r + ".amazonses.com")).orElse(true);
    }

    private void byodkim(SesIdentity id, List<Finding> out) {
        String selector = id.selector().orElseThrow();
        String name = selector + "._domainkey." + id.domain();
        String expected = "one TXT record \"v=DKIM1; k=rsa; p=<public key>\" with an RSA key of at least "
                + MIN_KEY_BITS + " bits";
        DnsAnswer a = dns.query(name, Type.TXT);
        Finding.Builder f;
        DkimKey key = null;
        if (a.status().isError()) {
            f = Finding.builder(CheckIds.DKIM, CheckStatus.WARN)
                    .message("The DKIM key record could not be looked up (" + a.describe() + "); retry later");
        } else if (a.values().isEmpty()) {
            f = Finding.builder(CheckIds.DKIM, CheckStatus.FAIL).fix(fixRecords(id))
                    .message("No DKIM key record at " + name + " (" + a.status() + "); publish the public key of the "
                            + "key pair you gave SES");
        } else if (a.values().size() > 1) {
            f = Finding.builder(CheckIds.DKIM, CheckStatus.FAIL).fix(fixRecords(id))
                    .message(a.values().size() + " TXT records at " + name + "; publish exactly one DKIM key record");
        } else {
            key = DkimKey.parse(a.values().get(0));
            if (key.error() != null) {
                f = Finding.builder(CheckIds.DKIM, CheckStatus.FAIL).fix(fixRecords(id))
                        .message("The DKIM key record is not valid: " + key.error());
            } else if (key.revoked()) {
                f = Finding.builder(CheckIds.DKIM, CheckStatus.FAIL).fix(fixRecords(id))
                        .message("The DKIM key is revoked (empty p=); publish the current public key");
            } else {
                f = Finding.builder(CheckIds.DKIM, CheckStatus.PASS)
                        .message("The DKIM key record parses: " + key.keyType().toUpperCase(Locale.ROOT) + " "
                                + key.bits() + " bits");
            }
        }
        out.add(f.subject(name).dnsStatus(a.status()).seen(seenTxt(name, a)).expected(expected).build());
        if (key != null && key.error() == null && !key.revoked()) {
            boolean ok = key.bits() >= MIN_KEY_BITS;
            out.add(Finding.builder(CheckIds.DKIM_KEY_LENGTH, ok ? CheckStatus.PASS : CheckStatus.FAIL)
                    .subject(name).dnsStatus(a.status()).seen(key.bits() + " bits")
                    .expected("at least " + MIN_KEY_BITS + " bits (2048 recommended)")
                    .message(ok ? "The RSA key has " + key.bits() + " bits"
                            : "The RSA key has only " + key.bits() + " bits; receivers treat it as invalid. Generate "
                                    + "a 2048-bit key pair, give it to SES (PutEmailIdentityDkimSigningAttributes) and "
                                    + "publish its public key")
                    .fix(ok ? List.of() : fixRecords(id)).build());
        }
    }

    /** Returns the DKIM records the identity needs. */
    static List<DnsRecord> fixRecords(SesIdentity id) {
        List<DnsRecord> out = new ArrayList<>();
        if (id.signingMode() == SesIdentity.SigningMode.BYODKIM) {
            out.add(DnsRecord.of(id.selector().orElseThrow() + "._domainkey." + id.domain(), "TXT",
                    "v=DKIM1; k=rsa; p=<base64 public key of the key pair given to SES>"));
            return out;
        }
        for (String token : id.dkimTokens()) {
            String t = token.toLowerCase(Locale.ROOT);
            out.add(DnsRecord.of(t + "._domainkey." + id.domain(), "CNAME", t + CNAME_SUFFIX));
        }
        return out;
    }

    static List<String> seenTxt(String name, DnsAnswer a) {
        List<String> seen = new ArrayList<>();
        if (a.status() != DnsStatus.OK) {
            seen.add(name + ": " + a.describe());
        }
        for (String v : a.values()) {
            seen.add(name + " TXT \"" + v + "\"");
        }
        return seen;
    }
}
