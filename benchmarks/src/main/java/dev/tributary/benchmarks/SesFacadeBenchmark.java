package dev.tributary.benchmarks;

import dev.tributary.core.ClientSettings;
import dev.tributary.ses.SesMailer;
import dev.tributary.ses.model.Email;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesAccount;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends/s of {@link SesMailer} (validation, quota guard, Resilience) against the raw {@link SesV2Client} it
 * wraps, same client, same message, 8 threads, against the SES emulator. The emulator's account allows
 * 100,000 messages/s so the quota guard runs but never binds.
 *
 * <p>Ratio = facade throughput / raw throughput.
 *
 * <p>Warm-up runs both contenders alternately until the JIT is quiet (a warm-up pair spends under 5% of its wall
 * time compiling, at most {@value #MAX_WARM_UP_PAIRS} pairs): on two cores shared with the emulator, C2 compiling
 * the SDK and the facade took 0.7 to 1.8 s of every 3,000-send round after the former 1,500-send warm-up, so the
 * rounds measured the compiler rather than the sends. Timed rounds alternate which contender goes first, and the
 * emulator's store is cleared after each round so neither side sends into a fuller node heap.
 */
final class SesFacadeBenchmark {
    static final String NAME = "ses-facade-vs-raw";
    static final int MAX_WARM_UP_PAIRS = 10;
    private static final double QUIET_JIT_SHARE = 0.05;
    private static final int THREADS = 8;

    private SesFacadeBenchmark() {}

    static double run(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int sends = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        try (LocalSes ses = LocalSes.start(new SesAccount(100_000, 1e12, 0, true, true, "HEALTHY"));
                SesV2Client raw = ClientSettings.local(ses.endpoint()).toBuilder()
                        .apiCallTimeout(Duration.ofSeconds(10)).build()
                        .applyTo(SesV2Client.builder())
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
                SesMailer mailer = SesMailer.create(raw)) {
            SendEmailRequest request = SendEmailRequest.builder()
                    .fromEmailAddress("Shop <shop@example.com>")
                    .destination(d -> d.toAddresses("ann@example.com"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("Welcome").charset("UTF-8"))
                            .body(b -> b.text(t -> t.data("Hello Ann").charset("UTF-8")))))
                    .build();
            Runnable rawSend = () -> raw.sendEmail(request);
            Runnable facadeSend = () -> mailer.send(Email.builder()
                    .from("Shop <shop@example.com>").to("ann@example.com").subject("Welcome").text("Hello Ann").build());
            warmUp(ses, rawSend, facadeSend, sends);
            double[] raws = new double[rounds];
            double[] facades = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long jit0 = jitMillis();
                if (r % 2 == 0) {
                    raws[r] = Harness.throughput(rawSend, sends, THREADS);
                    facades[r] = Harness.throughput(facadeSend, sends, THREADS);
                } else {
                    facades[r] = Harness.throughput(facadeSend, sends, THREADS);
                    raws[r] = Harness.throughput(rawSend, sends, THREADS);
                }
                ses.clearStore();
                System.out.printf("round %d (%s first): raw %.0f ops/s, facade %.0f ops/s, JIT %d ms%n", r + 1,
                        r % 2 == 0 ? "raw" : "facade", raws[r], facades[r], jitMillis() - jit0);
            }
            System.out.printf("median: raw %.0f ops/s, facade %.0f ops/s (%d rounds x %d calls, %d threads)%n",
                    Harness.median(raws), Harness.median(facades), rounds, sends, THREADS);
            return Harness.median(facades) / Harness.median(raws);
        }
    }

    /** Alternates warm-up pairs until one spends under 5% of its wall time in the JIT compiler. */
    private static void warmUp(LocalSes ses, Runnable raw, Runnable facade, int sends) {
        for (int pair = 1; pair <= MAX_WARM_UP_PAIRS; pair++) {
            long jit0 = jitMillis();
            long t0 = System.nanoTime();
            double r = Harness.throughput(raw, sends, THREADS);
            double f = Harness.throughput(facade, sends, THREADS);
            ses.clearStore();
            long wallMillis = (System.nanoTime() - t0) / 1_000_000;
            long jit = jitMillis() - jit0;
            System.out.printf("warm-up %d: raw %.0f ops/s, facade %.0f ops/s, JIT %d of %d ms%n",
                    pair, r, f, jit, wallMillis);
            if (pair >= 2 && jit < QUIET_JIT_SHARE * wallMillis) {
                return;
            }
        }
        System.out.printf("warm-up: JIT still busy after %d pairs; timing anyway%n", MAX_WARM_UP_PAIRS);
    }

    /** Milliseconds the JIT compilers have spent so far (summed over compiler threads). */
    private static long jitMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }
}
