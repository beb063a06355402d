package dev.tributary.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.ses.model.Email;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesAccount;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A burst far above the account's rate is paced to it: counts per time window, no throttling errors. */
class SesRateLimitIT {

    @Test
    void send_burstOf200AtMaxRate50_isPacedWithoutThrottling() throws Exception {
        List<Instant> accepted = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger failures = new AtomicInteger();
        SesMailerListener listener = new SesMailerListener() {
            @Override
            public void onSent(String op, String id, int recipients, Instant at, Duration latency) {
                // When the request started (its permit was granted), not when its response arrived: responses
                // bunch up on a loaded machine although the requests were paced.
                accepted.add(at.minus(latency));
            }

            @Override
            public void onFailed(String op, dev.tributary.core.TributaryException error) {
                failures.incrementAndGet();
            }
        };
        try (LocalSes ses = LocalSes.start(SesAccount.defaults().withSendQuota(50, 100_000, 0));
                SesMailer mailer = SesMailer.builder()
                        .clientSettings(SesMailerIT.settings(ses))
                        .listener(listener)
                        .build()) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                futures.add(pool.submit(() -> mailer.send(Email.builder().from("shop@example.com")
                        .to("u" + n + "@example.com").subject("s").text("t").build())));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();

            assertThat(failures).hasValue(0);
            assertThat(ses.emails()).hasSize(200);
            assertThat(mailer.metrics().sendRate()).isEqualTo(50.0);
        }
        List<Instant> times = new ArrayList<>(accepted);
        Collections.sort(times);
        assertThat(times).hasSize(200);
        // Paced to 50/s: over the whole burst and over any two-second window. Unpaced, 8 threads send at well
        // over 1,000/s here. The margins (10-15%) absorb a loaded machine delaying some sends and then
        // starting them together; one-second windows were noise.
        int maxInWindow = 0;
        for (int i = 0, j = 0; i < times.size(); i++) {
            while (Duration.between(times.get(j), times.get(i)).toMillis() >= 2000) {
                j++;
            }
            maxInWindow = Math.max(maxInWindow, i - j + 1);
        }
        assertThat(maxInWindow).isLessThanOrEqualTo(115);
        double seconds = Duration.between(times.get(0), times.get(199)).toNanos() / 1e9;
        assertThat(199 / seconds).isLessThanOrEqualTo(55);
        // And it uses the rate: a generous floor, since a shared machine may slow the senders down.
        assertThat(199 / seconds).isGreaterThan(35);
    }
}
