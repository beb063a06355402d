package dev.tributary.ses.auth.internal;

import dev.tributary.ses.auth.CheckIds;
import dev.tributary.ses.auth.CheckStatus;
import dev.tributary.ses.auth.DnsRecord;
import dev.tributary.ses.auth.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The SPF checks on the MAIL FROM domain: {@code spf}, then, when there is exactly one valid record,
 * {@code spf-ses}, {@code spf-lookups}, {@code spf-void-lookups} and {@code spf-all}. Thread-safe.
 */
final class SpfCheck {
    /** The record SES documents for a custom MAIL FROM domain. */
    static final String SES_RECORD = "v=spf1 include:amazonses.com ~all";

    private final SpfEvaluator evaluator;

    SpfCheck(DnsSource dns) {
        this.evaluator = new SpfEvaluator(dns);
    }

    static DnsRecord canonical(String name) {
        return DnsRecord.of(name, "TXT", SES_RECORD);
    }

    List<Finding> run(String domain) {
        SpfEvaluator.Result r = evaluator.evaluate(domain);
        List<Finding> out = new ArrayList<>();
        out.add(main(domain, r));
        SpfRecord record = r.record();
        if (record == null) {
            return out;
        }
        String seenRecord = domain + " TXT \"" + record.text() + "\"";
        out.add(base(CheckIds.SPF_SES, r.authorizesSes(), domain, r).seen(seenRecord)
                .expected("include:amazonses.com")
                .message(r.authorizesSes() ? "The record authorises SES" : "The record does not authorise SES; "
                        + "mail from SES fails SPF. Add include:amazonses.com")
                .fix(r.authorizesSes() ? List.of() : List.of(DnsRecord.of(domain, "TXT", withSes(record.text()))))
                .build());
        boolean lookupsOk = r.lookups() <= SpfEvaluator.MAX_LOOKUPS;
        String count = (r.stopped() ? "at least " : "") + r.lookups();
        out.add(base(CheckIds.SPF_LOOKUPS, lookupsOk, domain, r).seen(count + " DNS lookups")
                .expected("at most " + SpfEvaluator.MAX_LOOKUPS + " DNS lookups (include, a, mx, ptr, exists, "
                        + "redirect)")
                .message(lookupsOk ? "The record needs " + count + " DNS lookups"
                        : "The record needs " + count + " DNS lookups; receivers return permerror above "
                                + SpfEvaluator.MAX_LOOKUPS + ". This MAIL FROM domain only sends through SES, so "
                                + "publish the SES record")
                .fix(lookupsOk ? List.of() : List.of(canonical(domain))).build());
        boolean voidsOk = r.voidLookups() <= SpfEvaluator.MAX_VOID_LOOKUPS;
        out.add(base(CheckIds.SPF_VOID_LOOKUPS, voidsOk, domain, r).seen(r.voidLookups() + " void lookups")
                .expected("at most " + SpfEvaluator.MAX_VOID_LOOKUPS + " lookups that find nothing")
                .message(voidsOk ? "The record causes " + r.voidLookups() + " void lookups"
                        : "The record causes " + r.voidLookups() + " lookups that find nothing; receivers "
                                + "return permerror above " + SpfEvaluator.MAX_VOID_LOOKUPS + " (RFC 7208 section "
                                + "4.6.4). Remove terms that name domains without records")
                .fix(voidsOk ? List.of() : List.of(canonical(domain))).build());
        out.add(all(domain, r, record));
        return out;
    }

    private static Finding main(String domain, SpfEvaluator.Result r) {
        Finding.Builder f;
        String expected = "exactly one TXT record starting with v=spf1, such as \"" + SES_RECORD + "\"";
        if (r.answer().status().isError()) {
            f = Finding.builder(CheckIds.SPF, CheckStatus.WARN)
                    .message("The SPF record could not be looked up (" + r.answer().describe() + "); retry later");
        } else if (r.spfRecords().isEmpty()) {
            f = Finding.builder(CheckIds.SPF, CheckStatus.FAIL).fix(canonical(domain))
                    .message("No SPF record at " + domain + " (" + r.answer().status() + "); publish the SES record");
        } else if (r.spfRecords().size() > 1) {
            f = Finding.builder(CheckIds.SPF, CheckStatus.FAIL).fix(canonical(domain))
                    .message(r.spfRecords().size() + " SPF records at " + domain + "; receivers return permerror. "
                            + "Delete all but one");
        } else if (r.syntaxError() != null) {
            f = Finding.builder(CheckIds.SPF, CheckStatus.FAIL).fix(canonical(domain))
                    .message("The SPF record is not valid: " + r.syntaxError());
        } else if (!r.errors().isEmpty()) {
            f = Finding.builder(CheckIds.SPF, CheckStatus.FAIL).fix(canonical(domain))
                    .message("Receivers return permerror: " + String.join("; ", r.errors()));
        } else if (!r.warnings().isEmpty()) {
            f = Finding.builder(CheckIds.SPF, CheckStatus.WARN).message(String.join("; ", r.warnings()));
        } else {
            f = Finding.builder(CheckIds.SPF, CheckStatus.PASS).message("One valid SPF record");
        }
        return f.subject(domain).dnsStatus(r.answer().status()).seen(DkimCheck.seenTxt(domain, r.answer()))
                .expected(expected).build();
    }

    private static Finding all(String domain, SpfEvaluator.Result r, SpfRecord record) {
        Character q = r.allQualifier();
        Finding.Builder f;
        if (q != null && q == '+') {
            f = Finding.builder(CheckIds.SPF_ALL, CheckStatus.FAIL)
                    .message("+all authorises every server on the internet to send as " + domain + "; use ~all");
        } else if (q == null || q == '?') {
            f = Finding.builder(CheckIds.SPF_ALL, CheckStatus.WARN)
                    .message("Without ~all or -all, mail from other servers gets a neutral SPF result; end the "
                            + "record with ~all");
        } else {
            f = Finding.builder(CheckIds.SPF_ALL, CheckStatus.PASS).message("The record ends in " + q + "all");
        }
        boolean fixable = record.all().isPresent() || record.redirect().isEmpty();
        if (q == null || q == '+' || q == '?') {
            if (fixable) {
                f.fix(DnsRecord.of(domain, "TXT", withAll(record.text())));
            }
        }
        return f.subject(domain).dnsStatus(r.answer().status())
                .seen(q == null ? "no all term (receivers default to neutral)" : q + "all")
                .expected("~all or -all").build();
    }

    private static Finding.Builder base(String id, boolean ok, String domain, SpfEvaluator.Result r) {
        return Finding.builder(id, ok ? CheckStatus.PASS : CheckStatus.FAIL).subject(domain)
                .dnsStatus(r.answer().status());
    }

    /** Returns the record with {@code include:amazonses.com} added after {@code v=spf1}. */
    static String withSes(String text) {
        String rest = text.trim().substring("v=spf1".length()).trim();
        return rest.isEmpty() ? "v=spf1 include:amazonses.com ~all" : "v=spf1 include:amazonses.com " + rest;
    }

    /** Returns the record with its all term replaced by (or ended with) {@code ~all}. */
    static String withAll(String text) {
        StringBuilder sb = new StringBuilder();
        for (String term : text.trim().split("[ \\t]+")) {
            if (!term.matches("(?i)[+?~-]?all")) {
                sb.append(sb.length() == 0 ? "" : " ").append(term);
            }
        }
        return sb.append(" ~all").toString();
    }
}
