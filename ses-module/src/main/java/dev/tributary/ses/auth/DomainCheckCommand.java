package dev.tributary.ses.auth;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.auth.internal.ReportFormat;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Command line for {@link DomainAuthChecker}: checks one sender domain and prints the report as a table, or as
 * one JSON object with {@code --json}. The SES identity data is given as options, so it runs without AWS.
 *
 * <pre>{@code
 * java -cp ... dev.tributary.ses.auth.DomainCheckCommand --region us-east-1 \
 *     --dkim-tokens tok1,tok2,tok3 --dkim-status SUCCESS --mail-from mail.example.com example.com
 * }</pre>
 *
 * <p>Exit code 0 when no check failed, 1 when one did, 2 on a usage error.
 *
 * @deprecated Use the executable jar of the {@code tributary-ses-cli} module, which has the same flags plus
 *     {@code --from-ses}, {@code --version} and exit code 2 for unanswered DNS queries:
 *     {@code java -jar tributary-ses-cli.jar check example.com ...}. This class stays until the next minor
 *     version so scripts can move; it cannot delegate there (the CLI module depends on this one).
 */
@Deprecated(since = "0.1.0")
public final class DomainCheckCommand {
    static final String USAGE = String.join("\n",
            "Usage: DomainCheckCommand [options] <domain-or-address>",
            "Checks DKIM, SPF (custom MAIL FROM), the MAIL FROM MX and DMARC of an SES sender domain.",
            "  --json                  print one JSON object instead of a table",
            "  --dns host:port         resolver to ask (default: the system's resolvers)",
            "  --timeout seconds       per-query timeout (default 5)",
            "  --region region         SES region, such as us-east-1",
            "  --dkim-tokens t1,t2,t3  Easy DKIM tokens (GetEmailIdentity DkimAttributes.Tokens)",
            "  --selector s            BYODKIM selector (instead of --dkim-tokens)",
            "  --dkim-status status    SES DKIM status, such as SUCCESS or PENDING",
            "  --mail-from domain      custom MAIL FROM domain, such as mail.example.com",
            "  -h, --help              print this help",
            "Exit code: 0 no check failed, 1 a check failed, 2 usage error.");

    private DomainCheckCommand() {}

    /**
     * Runs the command and exits the JVM with its exit code.
     *
     * @param args the command-line arguments, see {@link #run}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    /**
     * Runs the command.
     *
     * @param args options and one domain or address
     * @param out where the report (or the usage text) is printed
     * @return 0 when no check failed, 1 when one did, 2 on a usage error
     */
    static int run(String[] args, PrintStream out) {
        Options o;
        try {
            o = Options.parse(Arrays.asList(args));
        } catch (IllegalArgumentException | TributaryValidationException e) {
            out.println("error: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        if (o.help) {
            out.println(USAGE);
            return 0;
        }
        SesIdentity identity;
        DomainAuthChecker checker;
        try {
            SesIdentity.Builder b = SesIdentity.builder(o.target()).region(o.region).dkimStatus(o.dkimStatus)
                    .mailFromDomain(o.mailFrom);
            if (o.selector != null) {
                b.byodkim(o.selector);
            } else if (o.tokens != null) {
                b.dkimTokens(Arrays.asList(o.tokens.split(",")));
            }
            identity = b.build();
            DnsOptions.Builder dns = DnsOptions.builder().timeout(o.timeout);
            if (o.dns != null) {
                dns.resolver(o.dns);
            }
            checker = DomainAuthChecker.create(dns.build());
        } catch (TributaryValidationException e) {
            out.println("error: " + e.getMessage());
            out.println(USAGE);
            return 2;
        }
        DomainAuthReport report = checker.check(identity);
        if (o.json) {
            out.println(ReportFormat.json(report));
        } else {
            out.print(ReportFormat.table(report));
        }
        out.flush();
        return report.status() == CheckStatus.FAIL ? 1 : 0;
    }

    /** The parsed command line. */
    private static final class Options {
        boolean json;
        boolean help;
        @Nullable String dns;
        Duration timeout = Duration.ofSeconds(5);
        @Nullable String region;
        @Nullable String tokens;
        @Nullable String selector;
        @Nullable String dkimStatus;
        @Nullable String mailFrom;
        @Nullable String target;

        static Options parse(List<String> args) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--json":
                        o.json = true;
                        break;
                    case "-h":
                    case "--help":
                        o.help = true;
                        break;
                    case "--dns":
                        o.dns = value(args, ++i, a);
                        break;
                    case "--timeout":
                        o.timeout = seconds(value(args, ++i, a));
                        break;
                    case "--region":
                        o.region = value(args, ++i, a);
                        break;
                    case "--dkim-tokens":
                        o.tokens = value(args, ++i, a);
                        break;
                    case "--selector":
                        o.selector = value(args, ++i, a);
                        break;
                    case "--dkim-status":
                        o.dkimStatus = value(args, ++i, a);
                        break;
                    case "--mail-from":
                        o.mailFrom = value(args, ++i, a);
                        break;
                    default:
                        if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        if (o.target != null) {
                            throw new IllegalArgumentException("give exactly one domain or address");
                        }
                        o.target = a;
                }
            }
            if (!o.help && o.target == null) {
                throw new IllegalArgumentException("give the domain or address to check");
            }
            if (o.tokens != null && o.selector != null) {
                throw new IllegalArgumentException("give --dkim-tokens (Easy DKIM) or --selector (BYODKIM), not both");
            }
            return o;
        }

        String target() {
            return target == null ? "" : target;
        }

        private static String value(List<String> args, int i, String option) {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args.get(i);
        }

        private static Duration seconds(String s) {
            try {
                double d = Double.parseDouble(s);
                if (d > 0 && d <= 300) {
                    return Duration.ofMillis(Math.round(d * 1000));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--timeout needs a number of seconds between 0 and 300");
        }
    }
}
