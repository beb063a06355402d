package dev.tributary.ses.auth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The result of checking one sender domain: its findings in {@linkplain CheckIds#ALL check-id order}, the DMARC
 * record in force and the DMARC alignment for mail the SES identity sends. Immutable.
 *
 * <pre>{@code
 * DomainAuthReport report = checker.check(identity);
 * if (report.status() == CheckStatus.FAIL) {
 *     report.failures().forEach(f -> System.out.println(f.checkId() + ": " + f.message() + " " + f.fix()));
 * }
 * }</pre>
 */
public final class DomainAuthReport {
    private final SesIdentity identity;
    private final Instant checkedAt;
    private final List<Finding> findings;
    private final @Nullable DmarcRecord dmarc;
    private final DmarcAlignment alignment;

    private DomainAuthReport(SesIdentity identity, Instant checkedAt, List<Finding> findings,
            @Nullable DmarcRecord dmarc, DmarcAlignment alignment) {
        this.identity = identity;
        this.checkedAt = checkedAt;
        this.findings = List.copyOf(findings);
        this.dmarc = dmarc;
        this.alignment = alignment;
    }

    /**
     * Creates a report.
     *
     * @param identity the identity checked
     * @param checkedAt when the check ran
     * @param findings the findings, in report order
     * @param dmarc the DMARC record in force, or null when there is no valid one
     * @param alignment the DMARC alignment
     * @return the report
     */
    public static DomainAuthReport of(SesIdentity identity, Instant checkedAt, List<Finding> findings,
            @Nullable DmarcRecord dmarc, DmarcAlignment alignment) {
        return new DomainAuthReport(Objects.requireNonNull(identity, "identity"),
                Objects.requireNonNull(checkedAt, "checkedAt"), findings, dmarc,
                Objects.requireNonNull(alignment, "alignment"));
    }

    /** Returns the domain checked. */
    public String domain() {
        return identity.domain();
    }

    /** Returns the SES identity data the check used. */
    public SesIdentity identity() {
        return identity;
    }

    /** Returns when the check ran. */
    public Instant checkedAt() {
        return checkedAt;
    }

    /** Returns all findings, in report order. */
    public List<Finding> findings() {
        return findings;
    }

    /** Returns the finding with this check id, if the report has it. */
    public Optional<Finding> finding(String checkId) {
        return findings.stream().filter(f -> f.checkId().equals(checkId)).findFirst();
    }

    /** Returns the findings with status FAIL. */
    public List<Finding> failures() {
        return findings.stream().filter(f -> f.status() == CheckStatus.FAIL).collect(Collectors.toUnmodifiableList());
    }

    /** Returns the check ids of the findings with status FAIL, in report order. */
    public List<String> failedCheckIds() {
        return failures().stream().map(Finding::checkId).collect(Collectors.toUnmodifiableList());
    }

    /** Returns the worst status of all findings ({@code PASS} when there are none). */
    public CheckStatus status() {
        return findings.stream().map(Finding::status).reduce(CheckStatus.PASS, CheckStatus::worst);
    }

    /** Returns whether any finding comes from a DNS query that failed (SERVFAIL, TIMEOUT or another error). */
    public boolean hasDnsErrors() {
        return findings.stream().anyMatch(f -> f.dnsStatus().map(DnsStatus::isError).orElse(false));
    }

    /** Returns the DMARC record in force for the domain (its own or the organisational domain's), if valid. */
    public Optional<DmarcRecord> dmarc() {
        return Optional.ofNullable(dmarc);
    }

    /** Returns whether DKIM and SPF align for mail this SES identity sends. */
    public DmarcAlignment alignment() {
        return alignment;
    }

    @Override
    public String toString() {
        return "DomainAuthReport[domain=" + domain() + ", status=" + status() + ", failed=" + failedCheckIds() + "]";
    }
}
