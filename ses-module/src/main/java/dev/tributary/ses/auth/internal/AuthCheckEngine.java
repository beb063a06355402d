package dev.tributary.ses.auth.internal;

import dev.tributary.ses.auth.CheckIds;
import dev.tributary.ses.auth.CheckStatus;
import dev.tributary.ses.auth.DmarcAlignment.Outcome;
import dev.tributary.ses.auth.DnsStatus;
import dev.tributary.ses.auth.DomainAuthReport;
import dev.tributary.ses.auth.Finding;
import dev.tributary.ses.auth.SesIdentity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs every check for one identity and assembles the report. Thread-safe. */
public final class AuthCheckEngine {
    private static final Logger LOG = LoggerFactory.getLogger(AuthCheckEngine.class);
    private static final Set<String> DKIM_IDS = Set.of(CheckIds.DKIM_STATUS, CheckIds.DKIM, CheckIds.DKIM_KEY_LENGTH);
    // spf-all is left out: +all is dangerous but still makes SPF pass.
    private static final Set<String> SPF_IDS = Set.of(CheckIds.MAIL_FROM, CheckIds.MAIL_FROM_MX, CheckIds.SPF,
            CheckIds.SPF_SES, CheckIds.SPF_LOOKUPS, CheckIds.SPF_VOID_LOOKUPS);

    private final DkimCheck dkim;
    private final MailFromCheck mailFrom;
    private final SpfCheck spf;
    private final DmarcCheck dmarc;
    private final Clock clock;

    /**
     * Creates the engine.
     *
     * @param dns where records are read (usually a {@link CachingDnsSource})
     * @param clock the clock for the report's time stamp
     */
    public AuthCheckEngine(DnsSource dns, Clock clock) {
        this.dkim = new DkimCheck(dns);
        this.mailFrom = new MailFromCheck(dns);
        this.spf = new SpfCheck(dns);
        this.dmarc = new DmarcCheck(dns);
        this.clock = clock;
    }

    /**
     * Checks an identity.
     *
     * @param id the identity
     * @return the report; DNS failures are findings, never exceptions
     */
    public DomainAuthReport check(SesIdentity id) {
        List<Finding> findings = new ArrayList<>(dkim.run(id));
        findings.addAll(mailFrom.run(id));
        String customMailFrom = id.mailFromDomain().orElse(null);
        if (customMailFrom != null) {
            findings.addAll(spf.run(customMailFrom));
        }
        Outcome dkimOutcome = outcome(findings, DKIM_IDS);
        Outcome spfOutcome = customMailFrom == null ? Outcome.NOT_ALIGNED : outcome(findings, SPF_IDS);
        DmarcCheck.Result d = dmarc.run(id.domain(), customMailFrom, dkimOutcome, spfOutcome);
        findings.addAll(d.findings());
        DomainAuthReport report = DomainAuthReport.of(id, clock.instant(), findings, d.record(), d.alignment());
        LOG.debug("Checked sender domain [op=domain-auth-check, domain={}, status={}, failed={}]", id.domain(),
                report.status(), report.failedCheckIds());
        return report;
    }

    /**
     * FAIL anywhere means the mechanism fails; a WARN without a definite DNS answer (an error, or no data to
     * check with) means unknown; anything else passes.
     */
    static Outcome outcome(List<Finding> findings, Set<String> ids) {
        Outcome result = Outcome.ALIGNED;
        boolean any = false;
        for (Finding f : findings) {
            if (!ids.contains(f.checkId())) {
                continue;
            }
            any = true;
            if (f.status() == CheckStatus.FAIL) {
                return Outcome.NOT_ALIGNED;
            }
            if (f.status() == CheckStatus.WARN && f.dnsStatus().map(DnsStatus::isError).orElse(true)) {
                result = Outcome.UNKNOWN;
            }
        }
        return any ? result : Outcome.UNKNOWN;
    }
}
