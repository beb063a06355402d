package dev.tributary.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ClientSettings;
import dev.tributary.testkit.LocalDynamoDb;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesAccount;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Three service instances, each its own JVM, send as fast as they may through mailers that share the account's
 * maximum send rate (20/s, from GetAccount) through DynamoDB Local: together they stay within it and use it,
 * and when one is killed the other two take over its share. Rates are counted from the instances' own send
 * logs over windows that leave out JVM start-up and the moments around the kill.
 */
class SharedSendRateProcessesIT {
    private static final double MAX_RATE = 20;
    private static final int THREADS = 4;
    /** {@code local} shows that the test fails without sharing (each instance then sends at the maximum). */
    private static final String MODE = System.getProperty("tributary.test.shared-rate-mode", "shared");

    private final List<Instance> instances = new ArrayList<>();

    private static final class Instance {
        final Process process;
        final Queue<Long> sent = new ConcurrentLinkedQueue<>();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final Path stderr;

        Instance(Process process, Path stderr) {
            this.process = process;
            this.stderr = stderr;
            Thread reader = new Thread(this::read, "instance-reader");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader r = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("SENT ")) {
                        sent.add(Long.parseLong(line.substring(5).trim()));
                    } else if (line.startsWith("FAIL ")) {
                        failures.add(line);
                    }
                }
            } catch (IOException e) {
                // the process was killed: its log ends here
            }
        }

        long sentBetween(long from, long to) {
            return sent.stream().filter(t -> t >= from && t < to).count();
        }
    }

    @AfterEach
    void stopInstances() {
        for (Instance i : instances) {
            i.process.destroyForcibly();
        }
    }

    private Instance start(LocalSes ses, LocalDynamoDb dynamo, String table, String key, String mode)
            throws IOException {
        Path stderr = Files.createTempFile("shared-rate-sender", ".log");
        Process p = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), SharedRateSender.class.getName(),
                ses.endpoint().toString(), dynamo.endpoint().toString(), table, key, Integer.toString(THREADS),
                "120", mode)
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        Instance i = new Instance(p, stderr);
        instances.add(i);
        return i;
    }

    private static void sleepUntil(long epochMillis) throws InterruptedException {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private static double rate(List<Instance> among, long from, long to) {
        return among.stream().mapToLong(i -> i.sentBetween(from, to)).sum() * 1000.0 / (to - from);
    }

    /**
     * Waits out a window that starts {@code leadMillis} from now, then checks that {@code among} together sent at
     * the maximum rate, never more, and that each of them got slots.
     */
    private static void assertShareTheMaximum(String what, List<Instance> among, long leadMillis, long windowMillis)
            throws InterruptedException {
        long from = System.currentTimeMillis() + leadMillis;
        long to = from + windowMillis;
        sleepUntil(to + 1_000);
        double together = rate(among, from, to);
        System.out.printf("%s: %.2f/s (per instance %s)%n", what, together,
                among.stream().map(i -> i.sentBetween(from, to)).toList());
        assertThat(together).as(what).isBetween(0.9 * MAX_RATE, 1.05 * MAX_RATE);
        assertThat(among).allMatch(i -> i.sentBetween(from, to) > 0);
    }

    @Test
    void sharedSendRate_threeProcesses_stayWithinAndUseMaxAndSurviveAKill() throws Exception {
        try (LocalSes ses = LocalSes.start(SesAccount.defaults().withSendQuota(MAX_RATE, 1_000_000, 0));
                DynamoDbClient ddb = ClientSettings.local(LocalDynamoDb.shared().endpoint()).toBuilder()
                        .apiCallTimeout(Duration.ofSeconds(10)).build()
                        .applyTo(DynamoDbClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder())
                        .build()) {
            String table = "shared-rate-" + UUID.randomUUID();
            SharedSendRate.createTable(ddb, table);
            for (int n = 0; n < 3; n++) {
                start(ses, LocalDynamoDb.shared(), table, "account-1/us-east-1", MODE);
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(instances)
                            .as("every instance sends within 90 s (failures: %s)", failures())
                            .allMatch(i -> i.sent.size() >= 5));

            // 1. All three busy: the aggregate is the maximum, never more, and every instance gets slots.
            assertShareTheMaximum("aggregate of 3 instances", instances, 3_000, 10_000);

            // 2. One dies: its reserved slots (at most reserveAhead, 1 s) go unused, then the others use the rate.
            Instance dead = instances.get(0);
            dead.process.destroyForcibly();
            assertThat(dead.process.waitFor(10, TimeUnit.SECONDS)).isTrue();
            List<Instance> survivors = instances.subList(1, 3);
            assertShareTheMaximum("aggregate of 2 survivors", survivors, 2_000, 8_000);
            assertThat(failures()).as("no send failed").isEmpty();

            long logged = instances.stream().mapToLong(i -> i.sent.size()).sum();
            assertThat((long) ses.emails().size()).as("every logged send reached the emulator")
                    .isGreaterThanOrEqualTo(logged);
        }
    }

    private List<String> failures() {
        List<String> out = new ArrayList<>();
        instances.forEach(i -> out.addAll(i.failures));
        return out;
    }
}
