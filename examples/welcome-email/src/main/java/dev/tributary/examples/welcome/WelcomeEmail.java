package dev.tributary.examples.welcome;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.ses.SesMailer;
import dev.tributary.ses.SesOptions;
import dev.tributary.ses.auth.CheckStatus;
import dev.tributary.ses.auth.DomainAuthReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.LongSupplier;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sends exactly one welcome e-mail per registered user: DynamoDB Streams -> {@code ChangeCapture} ->
 * {@code IdempotentHandler} -> {@code SesMailer}, the sender domain checked before the first send.
 *
 * <p>Commands:
 * <ul>
 *   <li>{@code register --email ADDRESS --name NAME}: inserts the user into the table;</li>
 *   <li>{@code run}: reads the stream and sends welcome mails until Ctrl-C;</li>
 *   <li>{@code demo} (default): registers {@code --users} users (20), sends their mails, then replays the whole
 *       stream with a second consumer and checks that no mail was sent twice.</li>
 * </ul>
 * Flags: {@code --dynamo-endpoint URL}, {@code --ses-endpoint URL} (default: local servers started in-process),
 * {@code --table NAME} ({@code users}), {@code --from ADDRESS}, {@code --dns HOST:PORT} and {@code --enforce}
 * (sender-domain check; default WARN against a local DNS serving a correct {@code example.test} zone),
 * {@code --json}; {@code --help} lists them ({@link Options}, parsed by picocli).
 */
public final class WelcomeEmail {
    private WelcomeEmail() {}

    /** The outcome of {@link #demo}. */
    record DemoResult(int registered, int sent, long replayedRecords, int sentOnReplay, int storedMails,
            String senderDomain, java.util.List<String> senderDomainWarnings) {}

    /**
     * Runs the example; exits with 2 on a usage error (printed with the usage) and 1 when the example fails.
     *
     * @param args the command and flags, see the class comment
     */
    public static void main(String[] args) {
        int code = new CommandLine(new Options()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the example with parsed options.
     *
     * @param flags the command and flags
     * @throws Exception when the example fails
     */
    static void run(Options flags) throws Exception {
        try (Backends backends = Backends.open(flags); SenderCheck check = SenderCheck.create(flags);
                SesMailer mailer = SesMailer.builder().clientSettings(backends.sesSettings())
                        .options(SesOptions.builder().senderDomainGuard(check.guard()).build()).build()) {
            Welcome welcome = new Welcome(backends.dynamo(), backends.streams(), mailer, flags.table, flags.from);
            welcome.ensureTables();
            switch (flags.command) {
                case register -> register(welcome, flags);
                case run -> run(welcome, flags);
                case demo -> {
                    DemoResult r = demo(welcome, check, backends, flags.users);
                    print(flags, r);
                    if (r.sent() != r.registered() || r.sentOnReplay() != 0
                            || (r.storedMails() >= 0 && r.storedMails() != r.registered())) {
                        throw new IllegalStateException("exactly-once violated: " + r);
                    }
                }
            }
        }
    }

    private static void register(Welcome welcome, Options flags) throws Exception {
        String email = Options.require(flags.email, "--email", flags.command);
        String id = welcome.register(email, Options.require(flags.name, "--name", flags.command));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("userId", id.isEmpty() ? Welcome.userId(email) : id);
        out.put("registered", !id.isEmpty());
        if (flags.json) {
            System.out.println(new ObjectMapper().writeValueAsString(out));
        } else {
            System.out.println(id.isEmpty() ? "Already registered: " + out.get("userId") : "Registered user " + id);
        }
    }

    private static void run(Welcome welcome, Options flags) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        try (ChangeCapture<Map<String, AttributeValue>> capture = welcome.capture(flags.consumer)) {
            capture.start();
            System.err.println("Sending welcome mails for new users; Ctrl-C to stop.");
            int last = -1;
            while (!stop.await(2, java.util.concurrent.TimeUnit.SECONDS)) {
                if (welcome.sent() != last) {
                    last = welcome.sent();
                    System.out.println(flags.json ? "{\"sent\":" + last + "}" : "Welcome mails sent: " + last);
                }
            }
        }
    }

    /**
     * Registers {@code users} users, sends their welcome mails, then replays the stream with a second consumer.
     *
     * @return counts; {@code storedMails} is -1 when the SES endpoint is not the embedded emulator
     */
    static DemoResult demo(Welcome welcome, SenderCheck check, Backends backends, int users) throws InterruptedException {
        DomainAuthReport report = check.guard().report(SenderCheck.DOMAIN);
        int registered = 0;
        for (int i = 1; i <= users; i++) {
            if (!welcome.register("user" + i + "@example.com", "User " + i).isEmpty()) {
                registered++;
            }
        }
        try (ChangeCapture<Map<String, AttributeValue>> first = welcome.capture("welcome-mailer")) {
            first.start();
            await(() -> welcome.sent(), registered);
        }
        int sentBefore = welcome.sent();
        long replayed;
        try (ChangeCapture<Map<String, AttributeValue>> replay = welcome.capture("welcome-replay-" + System.nanoTime())) {
            replay.start();
            replayed = await(() -> replay.metrics().records(), users);
        }
        int stored = backends.localSes().map(s -> s.emails().size()).orElse(-1);
        return new DemoResult(registered, sentBefore, replayed, welcome.sent() - sentBefore, stored,
                report.status().name(), report.findings().stream().filter(f -> f.status() != CheckStatus.PASS)
                        .map(f -> f.checkId() + ": " + f.message()).toList());
    }

    /** Waits up to 60 s until {@code counter} reaches {@code target}, then a little longer to catch extras. */
    private static long await(LongSupplier counter, long target) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (counter.getAsLong() < target && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1_000);
        return counter.getAsLong();
    }

    private static void print(Options flags, DemoResult r) throws Exception {
        if (flags.json) {
            System.out.println(new ObjectMapper().writeValueAsString(r));
            return;
        }
        System.out.printf("Sender domain %s: %s%n", SenderCheck.DOMAIN, r.senderDomain());
        r.senderDomainWarnings().forEach(w -> System.out.println("  " + w));
        System.out.printf("Registered %d users; sent %d welcome mails%n", r.registered(), r.sent());
        System.out.printf("Replayed %d stream records with a new consumer; mails sent on replay: %d%n",
                r.replayedRecords(), r.sentOnReplay());
        if (r.storedMails() >= 0) {
            System.out.printf("SES emulator holds %d mails%n", r.storedMails());
        }
    }
}
