package dev.tributary.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.TemplatedEmail;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesEmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The facade shape on both mailers: guarded listeners, one metrics snapshot, idempotent close, CLOSED after it. */
@ExtendWith(SesEmulatorExtension.class)
class SesMailerLifecycleIT {
    private final LocalSes ses;
    private final RecordingListener recording = new RecordingListener();
    private final List<String> heard = recording.events;

    SesMailerLifecycleIT(LocalSes ses) {
        this.ses = ses;
    }

    @BeforeEach
    void clear() {
        ses.clearStore();
        heard.clear();
    }

    private static Email email() {
        return Email.builder().from("shop@example.com").to("a@example.com", "b@example.com").subject("s").text("t")
                .build();
    }

    private static TemplatedEmail missingTemplate() {
        return TemplatedEmail.builder().from("shop@example.com").to("a@example.com")
                .template("missing_" + System.nanoTime()).build();
    }

    /** Throws from every callback, then a second listener records: neither may break a send. */
    private SesMailerListener throwingThenRecording() {
        SesMailerListener throwing = new SesMailerListener() {
            @Override
            public void onSent(String op, String id, int recipients, Instant at, Duration latency) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onFailed(String op, TributaryException error) {
                throw new IllegalStateException("listener bug");
            }
        };
        return SesMailerListener.both(throwing, recording);
    }

    @Test
    void send_listenerThrows_sendSucceedsAndMetricsCount() {
        try (SesMailer mailer = SesMailer.builder().clientSettings(SesMailerIT.settings(ses))
                .options(SesOptions.builder().quotaAware(false).build()).listener(throwingThenRecording()).build()) {
            assertThat(mailer.send(email()).sent()).isTrue();
            assertThatThrownBy(() -> mailer.send(missingTemplate())).isInstanceOf(SesSendException.class);

            assertThat(heard).containsExactly("sent:SendEmail", "failed:SendTemplate");
            assertThat(mailer.metrics()).isEqualTo(new SesMetrics(1, 2, 1, 0, 0.0));
        }
        assertThat(ses.emails()).hasSize(1);
    }

    @Test
    void sendAsync_listenerThrows_futureSucceedsAndMetricsCount() throws Exception {
        try (SesAsyncMailer mailer = SesAsyncMailer.builder().clientSettings(SesMailerIT.settings(ses))
                .options(SesOptions.builder().maxSendRate(20).quotaAware(false).build())
                .listener(throwingThenRecording()).build()) {
            assertThat(mailer.send(email()).get(20, TimeUnit.SECONDS).sent()).isTrue();
            assertThatThrownBy(() -> mailer.send(missingTemplate()).get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SesSendException.class);

            assertThat(heard).containsExactly("sent:SendEmail", "failed:SendTemplate");
            assertThat(mailer.metrics()).isEqualTo(new SesMetrics(1, 2, 1, 0, 20.0));
        }
    }

    @Test
    void close_twice_isQuietAndLaterCallsAreRejectedClosed() {
        SesMailer mailer = SesMailer.builder().clientSettings(SesMailerIT.settings(ses)).build();
        mailer.close();
        mailer.close();

        assertThatThrownBy(() -> mailer.send(email())).isInstanceOfSatisfying(TributaryRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.CLOSED));
        assertThatThrownBy(mailer::account).isInstanceOfSatisfying(TributaryRejectedException.class,
                e -> assertThat(e.retryable()).isFalse());
        assertThat(ses.emails()).isEmpty();
    }

    @Test
    void closeAsync_twice_isQuietAndLaterFuturesFailClosed() {
        SesAsyncMailer mailer = SesAsyncMailer.builder().clientSettings(SesMailerIT.settings(ses)).build();
        mailer.close();
        mailer.close();

        assertThatThrownBy(() -> mailer.send(email()).get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOfSatisfying(TributaryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.CLOSED));
        assertThatThrownBy(() -> mailer.account().get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(TributaryRejectedException.class);
        assertThat(ses.emails()).isEmpty();
    }

    @Test
    void closeAsync_userClient_isLeftOpen() throws Exception {
        var client = SesMailerIT.settings(ses).applyTo(software.amazon.awssdk.services.sesv2.SesV2AsyncClient.builder())
                .httpClient(software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient.create()).build();
        try (client) {
            SesAsyncMailer.create(client).close();

            assertThat(client.getAccount(r -> {}).get(20, TimeUnit.SECONDS).sendQuota().maxSendRate()).isEqualTo(14.0);
        }
    }
}
