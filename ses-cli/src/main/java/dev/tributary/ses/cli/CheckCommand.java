package dev.tributary.ses.cli;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.auth.CheckStatus;
import dev.tributary.ses.auth.DnsOptions;
import dev.tributary.ses.auth.DomainAuthChecker;
import dev.tributary.ses.auth.DomainAuthReport;
import dev.tributary.ses.auth.SesIdentity;
import dev.tributary.ses.auth.internal.ReportFormat;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check}: checks one sender domain's DKIM, SPF (custom MAIL FROM), MAIL FROM MX and DMARC and prints the
 * report as a table or, with {@code --json}, as one JSON object. The SES identity data comes from the flags
 * (no AWS needed) or, with {@code --from-ses}, from SESv2 GetEmailIdentity.
 *
 * <p>Exit code 1 when a check failed; otherwise 2 when a DNS query could not be answered (the report is then
 * incomplete), else 0. Usage errors and SES failures exit with 2.
 */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = "Checks DKIM, SPF (custom MAIL FROM), the MAIL FROM MX and DMARC of an SES sender domain.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every check passed (warnings allowed)", "1:a check failed",
                "2:usage error, SES could not be asked, or a DNS query went unanswered"})
final class CheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<domain-or-address>", description = "the sender domain, or an address")
    private String target = "";

    @Option(names = "--json", description = "print one JSON object instead of a table")
    private boolean json;

    @Option(names = "--dns", paramLabel = "host:port", description = "resolver to ask (default: the system's)")
    private @Nullable String dns;

    @Option(names = "--timeout", paramLabel = "seconds", defaultValue = "5",
            description = "per-query DNS timeout, 0-300 (default ${DEFAULT-VALUE})")
    private double timeoutSeconds;

    @Option(names = "--region", paramLabel = "region",
            description = "SES region, such as us-east-1 (with --from-ses default: the AWS region chain)")
    private @Nullable String region;

    @Option(names = "--dkim-tokens", split = ",", paramLabel = "token",
            description = "Easy DKIM tokens (GetEmailIdentity DkimAttributes.Tokens)")
    private @Nullable List<String> dkimTokens;

    @Option(names = "--selector", paramLabel = "s", description = "BYODKIM selector (instead of --dkim-tokens)")
    private @Nullable String selector;

    @Option(names = "--dkim-status", paramLabel = "status", description = "SES DKIM status, such as SUCCESS")
    private @Nullable String dkimStatus;

    @Option(names = "--mail-from", paramLabel = "domain", description = "custom MAIL FROM domain")
    private @Nullable String mailFrom;

    @Option(names = "--from-ses", description = "read DKIM tokens or selector, DKIM status, MAIL FROM and region "
            + "with SESv2 GetEmailIdentity (credentials from the default AWS chain)")
    private boolean fromSes;

    @Option(names = "--endpoint-url", paramLabel = "url", description = "SES endpoint for --from-ses")
    private @Nullable URI endpointUrl;

    @Override
    public Integer call() {
        validateFlags();
        SesIdentity identity = fromSes ? readFromSes() : identityFromFlags();
        DomainAuthChecker checker = checker();
        DomainAuthReport report = checker.check(identity);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ReportFormat.json(report));
        } else {
            out.print(ReportFormat.table(report));
        }
        out.flush();
        if (report.status() == CheckStatus.FAIL) {
            return SesCli.FINDINGS_FAIL;
        }
        List<String> unanswered = report.findings().stream()
                .filter(f -> f.dnsStatus().map(s -> s.isError()).orElse(false))
                .map(f -> f.checkId() + " (" + f.subject() + ": " + f.dnsStatus().orElseThrow() + ")")
                .distinct()
                .toList();
        if (!unanswered.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("error: DNS queries went unanswered, the report is incomplete: " + String.join(", ",
                    unanswered) + ". Check --dns and the network, or raise --timeout");
            err.flush();
            return SesCli.ERROR;
        }
        return SesCli.OK;
    }

    private void validateFlags() {
        if (dkimTokens != null && selector != null) {
            throw usage("give --dkim-tokens (Easy DKIM) or --selector (BYODKIM), not both");
        }
        if (fromSes && (dkimTokens != null || selector != null || dkimStatus != null || mailFrom != null)) {
            throw usage("--from-ses reads the DKIM tokens or selector, DKIM status and MAIL FROM from SES: drop "
                    + "--dkim-tokens, --selector, --dkim-status and --mail-from");
        }
        if (endpointUrl != null && !fromSes) {
            throw usage("--endpoint-url is the SES endpoint for --from-ses; add --from-ses or drop it");
        }
        if (endpointUrl != null && (endpointUrl.getScheme() == null || endpointUrl.getHost() == null)) {
            throw usage("--endpoint-url needs a URL such as https://email.eu-west-1.amazonaws.com");
        }
        if (!(timeoutSeconds > 0 && timeoutSeconds <= 300)) {
            throw usage("--timeout needs a number of seconds between 0 and 300");
        }
    }

    private SesIdentity identityFromFlags() {
        try {
            SesIdentity.Builder b = SesIdentity.builder(target).region(region).dkimStatus(dkimStatus)
                    .mailFromDomain(mailFrom);
            if (selector != null) {
                b.byodkim(selector);
            } else if (dkimTokens != null) {
                b.dkimTokens(dkimTokens);
            }
            return b.build();
        } catch (TributaryValidationException e) {
            throw usage(e.getMessage());
        }
    }

    private SesIdentity readFromSes() {
        String domain;
        try {
            domain = SesIdentity.ofDomain(target).domain();
        } catch (TributaryValidationException e) {
            throw usage(e.getMessage());
        }
        return new SesIdentityReader(region, endpointUrl, Duration.ofSeconds(20)).read(domain);
    }

    private DomainAuthChecker checker() {
        try {
            DnsOptions.Builder b = DnsOptions.builder().timeout(Duration.ofMillis(Math.round(timeoutSeconds * 1000)));
            if (dns != null) {
                b.resolver(dns);
            }
            return DomainAuthChecker.create(b.build());
        } catch (TributaryValidationException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(@Nullable String message) {
        return new ParameterException(spec.commandLine(), String.valueOf(message));
    }
}
