package dev.tributary.ses.auth.internal;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.auth.CheckIds;
import dev.tributary.ses.auth.CheckStatus;
import dev.tributary.ses.auth.DmarcAlignment;
import dev.tributary.ses.auth.DmarcAlignment.Outcome;
import dev.tributary.ses.auth.DmarcRecord;
import dev.tributary.ses.auth.DnsRecord;
import dev.tributary.ses.auth.Finding;
import dev.tributary.ses.auth.internal.DnsSource.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The DMARC checks: {@code dmarc}, {@code dmarc-policy} and {@code dmarc-alignment}. Looks up
 * {@code _dmarc.<domain>}, then {@code _dmarc.<organisational domain>} when the first has no DMARC record
 * (see {@link Domains#organizational}). Thread-safe.
 */
final class DmarcCheck {
    private final DnsSource dns;

    DmarcCheck(DnsSource dns) {
        this.dns = dns;
    }

    /**
     * The DMARC part of a report.
     *
     * @param findings the findings
     * @param record the record in force, or null
     * @param alignment the alignment
     */
    record Result(List<Finding> findings, @Nullable DmarcRecord record, DmarcAlignment alignment) {}

    /**
     * Runs the checks.
     *
     * @param domain the From (identity) domain
     * @param mailFrom the custom MAIL FROM domain, or null
     * @param dkim whether the DKIM checks pass
     * @param spf whether SPF passes for the custom MAIL FROM domain (NOT_ALIGNED when there is none)
     */
    Result run(String domain, @Nullable String mailFrom, Outcome dkim, Outcome spf) {
        List<Finding> out = new ArrayList<>();
        String name = "_dmarc." + domain;
        DnsAnswer a = dns.query(name, Type.TXT);
        List<String> records = dmarcRecords(a);
        String org = Domains.organizational(domain);
        boolean fromOrg = false;
        List<String> seen = new ArrayList<>(DkimCheck.seenTxt(name, a));
        if (records.isEmpty() && !a.status().isError()) {
            if (!org.equals(domain)) {
                name = "_dmarc." + org;
                a = dns.query(name, Type.TXT);
                records = dmarcRecords(a);
                seen.addAll(DkimCheck.seenTxt(name, a));
                fromOrg = true;
            }
        }
        DmarcRecord record = null;
        Finding.Builder f;
        String expected = "exactly one TXT record at _dmarc." + domain
                + (org.equals(domain) ? "" : " (or _dmarc." + org + ")") + " starting with v=DMARC1 and with a p= tag";
        if (a.status().isError()) {
            f = Finding.builder(CheckIds.DMARC, CheckStatus.WARN)
                    .message("The DMARC record could not be looked up (" + a.describe() + "); retry later");
        } else if (records.isEmpty()) {
            f = Finding.builder(CheckIds.DMARC, CheckStatus.FAIL).fix(DnsRecord.of("_dmarc." + domain, "TXT",
                    "v=DMARC1; p=none; rua=mailto:dmarc-reports@" + domain))
                    .message("No DMARC record; large mailbox providers require one from bulk senders. Publish it "
                            + "(and create the report mailbox, or change rua)");
        } else if (records.size() > 1) {
            f = Finding.builder(CheckIds.DMARC, CheckStatus.FAIL)
                    .message(records.size() + " DMARC records at " + name + "; receivers ignore them all. Delete "
                            + "all but one");
        } else {
            try {
                record = DmarcRecord.parse(records.get(0));
                f = Finding.builder(CheckIds.DMARC, CheckStatus.PASS).message(describe(record, name));
            } catch (TributaryValidationException e) {
                f = Finding.builder(CheckIds.DMARC, CheckStatus.FAIL)
                        .message("The DMARC record is not valid: " + e.getMessage());
            }
        }
        out.add(f.subject(name).dnsStatus(a.status()).seen(seen).expected(expected).build());
        if (record != null) {
            out.add(policy(record, name, fromOrg));
        }
        DmarcRecord.Mode dkimMode = record == null ? DmarcRecord.Mode.RELAXED : record.dkimMode();
        DmarcRecord.Mode spfMode = record == null ? DmarcRecord.Mode.RELAXED : record.spfMode();
        Outcome spfAligned = spf;
        if (spf == Outcome.ALIGNED && mailFrom != null) {
            boolean aligned = spfMode == DmarcRecord.Mode.STRICT ? mailFrom.equals(domain)
                    : Domains.organizational(mailFrom).equals(org);
            spfAligned = aligned ? Outcome.ALIGNED : Outcome.NOT_ALIGNED;
        }
        DmarcAlignment alignment = DmarcAlignment.of(dkim, spfAligned, dkimMode, spfMode);
        out.add(alignmentFinding(domain, alignment, mailFrom, spf));
        return new Result(out, record, alignment);
    }

    private static List<String> dmarcRecords(DnsAnswer a) {
        List<String> out = new ArrayList<>();
        for (String v : a.values()) {
            if (v.trim().matches("(?is)v\\s*=\\s*dmarc1\\b.*")) {
                out.add(v.trim());
            }
        }
        return out;
    }

    private static String describe(DmarcRecord r, String name) {
        return "Found at " + name + ": p=" + lower(r.policy())
                + r.subdomainPolicy().map(p -> ", sp=" + lower(p)).orElse("") + ", pct=" + r.pct() + ", rua="
                + (r.rua().isEmpty() ? "(none)" : String.join(",", r.rua())) + ", adkim="
                + (r.dkimMode() == DmarcRecord.Mode.STRICT ? "s" : "r") + ", aspf="
                + (r.spfMode() == DmarcRecord.Mode.STRICT ? "s" : "r");
    }

    private static Finding policy(DmarcRecord r, String name, boolean subdomain) {
        DmarcRecord.Policy p = subdomain ? r.subdomainPolicy().orElse(r.policy()) : r.policy();
        String tag = subdomain && r.subdomainPolicy().isPresent() ? "sp" : "p";
        Finding.Builder f;
        if (p == DmarcRecord.Policy.NONE) {
            f = Finding.builder(CheckIds.DMARC_POLICY, CheckStatus.WARN)
                    .message(tag + "=none only monitors: mail that fails DMARC is still delivered. Once reports "
                            + "show your mail aligns, move to p=quarantine, then p=reject")
                    .fix(DnsRecord.of(name, "TXT", withTag(r.text(), tag, "quarantine")));
        } else if (r.pct() < 100) {
            f = Finding.builder(CheckIds.DMARC_POLICY, CheckStatus.WARN)
                    .message(tag + "=" + lower(p) + " applies to only " + r.pct() + "% of failing mail; remove pct")
                    .fix(DnsRecord.of(name, "TXT", withTag(r.text(), "pct", null)));
        } else {
            f = Finding.builder(CheckIds.DMARC_POLICY, CheckStatus.PASS)
                    .message(tag + "=" + lower(p) + " for 100% of failing mail");
        }
        return f.subject(name).seen(tag + "=" + lower(p) + ", pct=" + r.pct())
                .expected("p=quarantine or p=reject, pct=100").build();
    }

    private static Finding alignmentFinding(String domain, DmarcAlignment al, @Nullable String mailFrom,
            Outcome spf) {
        String dkimText = "DKIM " + text(al.dkim()) + " (adkim=" + mode(al.dkimMode()) + ", SES signs with d="
                + domain + ")";
        String spfText = "SPF " + text(al.spf()) + " (aspf=" + mode(al.spfMode()) + ", " + (mailFrom == null
                ? "MAIL FROM is under amazonses.com" : spf == Outcome.ALIGNED && al.spf() == Outcome.NOT_ALIGNED
                        ? "strict mode needs MAIL FROM " + mailFrom + " to equal " + domain
                        : "MAIL FROM " + mailFrom) + ")";
        CheckStatus status = al.passes() ? CheckStatus.PASS
                : al.dkim() == Outcome.UNKNOWN || al.spf() == Outcome.UNKNOWN ? CheckStatus.WARN : CheckStatus.FAIL;
        String verdict = status == CheckStatus.PASS ? "DMARC passes for mail SES sends: "
                : status == CheckStatus.WARN ? "DMARC alignment is not known: "
                        : "DMARC fails for mail SES sends; fix the dkim and mail-from/spf findings: ";
        return Finding.builder(CheckIds.DMARC_ALIGNMENT, status).subject(domain)
                .seen(dkimText).seen(spfText).expected("DKIM or SPF aligned with " + domain)
                .message(verdict + dkimText + "; " + spfText).build();
    }

    private static String text(Outcome o) {
        return o == Outcome.ALIGNED ? "aligned" : o == Outcome.NOT_ALIGNED ? "not aligned" : "unknown";
    }

    private static String mode(DmarcRecord.Mode m) {
        return m == DmarcRecord.Mode.STRICT ? "s" : "r";
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    /** Returns the record with one tag set to a value, or removed when the value is null. */
    static String withTag(String text, String tag, @Nullable String value) {
        List<String> parts = new ArrayList<>();
        boolean replaced = false;
        for (String part : text.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            String name = p.contains("=") ? p.substring(0, p.indexOf('=')).trim().toLowerCase(Locale.ROOT) : p;
            if (name.equals(tag)) {
                if (value != null) {
                    parts.add(tag + "=" + value);
                }
                replaced = true;
            } else {
                parts.add(p);
            }
        }
        if (!replaced && value != null) {
            parts.add(1, tag + "=" + value);
        }
        return String.join("; ", parts);
    }
}
