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

/** The custom MAIL FROM checks: {@code mail-from} and {@code mail-from-mx}. Thread-safe. */
final class MailFromCheck {
    private final DnsSource dns;

    MailFromCheck(DnsSource dns) {
        this.dns = dns;
    }

    List<Finding> run(SesIdentity id) {
        List<Finding> out = new ArrayList<>();
        String expected = "a custom MAIL FROM subdomain of " + id.domain() + ", such as mail." + id.domain();
        if (id.mailFromDomain().isEmpty()) {
            String suggested = "mail." + id.domain();
            out.add(Finding.builder(CheckIds.MAIL_FROM, CheckStatus.WARN).subject("SES MAIL FROM of " + id.domain())
                    .seen("none (SES uses a MAIL FROM domain under amazonses.com)").expected(expected)
                    .message("No custom MAIL FROM domain, so SPF cannot align with " + id.domain() + " and DMARC "
                            + "relies on DKIM alone; publish these records and set " + suggested + " as the MAIL "
                            + "FROM domain in SES (PutEmailIdentityMailFromAttributes)")
                    .fix(mxRecord(suggested, id)).fix(SpfCheck.canonical(suggested)).build());
            return out;
        }
        String mailFrom = id.mailFromDomain().get();
        if (!Domains.isUnder(mailFrom, id.domain())) {
            out.add(Finding.builder(CheckIds.MAIL_FROM, CheckStatus.FAIL).subject("SES MAIL FROM of " + id.domain())
                    .seen(mailFrom).expected(expected)
                    .message("The MAIL FROM domain must be a subdomain of " + id.domain() + "; set one such as mail."
                            + id.domain() + " in SES")
                    .build());
        } else {
            out.add(Finding.builder(CheckIds.MAIL_FROM, CheckStatus.PASS).subject("SES MAIL FROM of " + id.domain())
                    .seen(mailFrom).expected(expected)
                    .message("Custom MAIL FROM domain " + mailFrom + " is under " + id.domain()).build());
        }
        out.add(mx(mailFrom, id));
        return out;
    }

    private Finding mx(String mailFrom, SesIdentity id) {
        String host = feedbackHost(id);
        DnsAnswer a = dns.query(mailFrom, Type.MX);
        List<String> seen = new ArrayList<>();
        if (a.status() != DnsStatus.OK) {
            seen.add(mailFrom + ": " + a.describe());
        }
        a.values().forEach(v -> seen.add(mailFrom + " MX " + v));
        Finding.Builder f;
        if (a.status().isError()) {
            f = Finding.builder(CheckIds.MAIL_FROM_MX, CheckStatus.WARN)
                    .message("The MX record could not be looked up (" + a.describe() + "); retry later");
        } else if (a.values().stream().anyMatch(v -> isFeedbackHost(v, id))) {
            f = Finding.builder(CheckIds.MAIL_FROM_MX, CheckStatus.PASS)
                    .message("MX points to SES" + (id.region().isEmpty() ? " (region not given, any SES region "
                            + "accepted)" : ""));
        } else {
            f = Finding.builder(CheckIds.MAIL_FROM_MX, CheckStatus.FAIL).fix(mxRecord(mailFrom, id))
                    .message((a.values().isEmpty() ? "No MX record at " + mailFrom : "The MX record does not point "
                            + "to SES") + "; without it SES falls back to its own MAIL FROM domain (or rejects the "
                            + "mail, depending on BehaviorOnMxFailure)");
        }
        return f.subject(mailFrom).dnsStatus(a.status()).seen(seen).expected("MX 10 " + host).build();
    }

    private static boolean isFeedbackHost(String host, SesIdentity id) {
        return id.region().map(r -> host.equals("feedback-smtp." + r + ".amazonses.com"))
                .orElseGet(() -> host.matches("feedback-smtp\\.[a-z0-9-]+\\.amazonses\\.com"));
    }

    private static String feedbackHost(SesIdentity id) {
        return "feedback-smtp." + id.region().orElse("<region>") + ".amazonses.com";
    }

    private static DnsRecord mxRecord(String name, SesIdentity id) {
        return DnsRecord.of(name, "MX", "10 " + feedbackHost(id));
    }
}
