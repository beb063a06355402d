package dev.tributary.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.ses.SesMailerListener;
import dev.tributary.ses.SesMailer;
import dev.tributary.ses.SesOptions;
import dev.tributary.ses.SesSendException;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.TemplatedEmail;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesEmulatorExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

@ExtendWith(SesEmulatorExtension.class)
class SesMetersIT {
    private final LocalSes ses;
    private final MeterRegistry registry = new SimpleMeterRegistry();

    SesMetersIT(LocalSes ses) {
        this.ses = ses;
    }

    @BeforeEach
    void clear() {
        ses.clearStore();
    }

    private static Email welcome() {
        return Email.builder().from("shop@example.com").to("ann@example.com").subject("Welcome").text("Hi").build();
    }

    @Test
    void send_andMissingTemplate_countSendsFailuresByReasonQuotaAndBreakerState() {
        AtomicInteger ownSent = new AtomicInteger();
        SesMeters meters = SesMeters.create(registry);
        try (SesMailer mailer = SesMailer.builder().clientSettings(settings(ses).build())
                .resilience(ResilienceMeters.bind(ResilienceSettings.defaults(), registry))
                .listener(SesMailerListener.both(meters, new SesMailerListener() {
                    @Override
                    public void onSent(String op, String id, int recipients, Instant at, Duration latency) {
                        ownSent.incrementAndGet();
                    }
                }))
                .build()) {
            meters.bindTo(mailer);
            mailer.send(welcome());
            mailer.send(welcome());
            assertThatThrownBy(() -> mailer.send(TemplatedEmail.builder().from("shop@example.com").to("a@example.com")
                    .template("does_not_exist").build())).isInstanceOf(SesSendException.class);

            assertThat(registry.get("tributary.ses.sends").tag("operation", "SendEmail").timer().count()).isEqualTo(2);
            assertThat(registry.get("tributary.ses.recipients").tag("operation", "SendEmail").counter().count())
                    .isEqualTo(2);
            assertThat(registry.get("tributary.ses.failures").counters()).singleElement().satisfies(c -> {
                assertThat(c.count()).isEqualTo(1);
                assertThat(c.getId().getTag("reason")).isIn("NOT_FOUND", "BAD_REQUEST");
            });
            assertThat(ownSent).hasValue(2);
            assertThat(registry.get("tributary.ses.quota.max.24h").gauge().value()).isPositive();
            assertThat(registry.get("tributary.ses.quota.max.send.rate").gauge().value()).isPositive();
            assertThat(registry.get("tributary.ses.send.rate").gauge().value()).isPositive();
            assertThat(registry.get("resilience4j.circuitbreaker.state").tags("name", "ses", "state", "closed")
                    .gauge().value()).isEqualTo(1);
        }
    }

    @Test
    void clientSettings_interceptorPublisherAndHttpClient_areUsedByTheMailersClient() {
        AtomicInteger intercepted = new AtomicInteger();
        AtomicInteger httpRequests = new AtomicInteger();
        try (SdkHttpClient counting = new CountingHttpClient(UrlConnectionHttpClient.create(), httpRequests)) {
            ClientSettings s = settings(ses)
                    .addExecutionInterceptor(new ExecutionInterceptor() {
                        @Override
                        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                            intercepted.incrementAndGet();
                        }
                    })
                    .addMetricPublisher(SdkMeters.create(registry))
                    .httpClient(counting)
                    .build();
            try (SesMailer mailer = SesMailer.builder().clientSettings(s)
                    .options(SesOptions.builder().quotaAware(false).maxSendRate(100).build()).build()) {
                mailer.send(welcome());
            }

            assertThat(intercepted).hasValue(1);
            assertThat(httpRequests).hasValue(1);
            assertThat(registry.get("tributary.sdk.calls").tags("operation", "SendEmail", "outcome", "success")
                    .timer().count()).isEqualTo(1);
            assertThat(registry.get("tributary.sdk.attempts").tag("operation", "SendEmail").counter().count())
                    .isEqualTo(1);
            // The mailer's client did not close the caller's HTTP client: it still serves requests.
            ClientSettings again = settings(ses).httpClient(counting).build();
            try (SesMailer mailer = SesMailer.builder().clientSettings(again)
                    .options(SesOptions.builder().quotaAware(false).maxSendRate(100).build()).build()) {
                mailer.send(welcome());
            }
            assertThat(httpRequests).hasValue(2);
        }
    }

    private static ClientSettings.Builder settings(LocalSes ses) {
        return ClientSettings.local(ses.endpoint()).toBuilder().apiCallTimeout(Duration.ofSeconds(5));
    }

    /** A real HTTP client that counts the requests it is given. */
    private static final class CountingHttpClient implements SdkHttpClient {
        private final SdkHttpClient delegate;
        private final AtomicInteger requests;

        CountingHttpClient(SdkHttpClient delegate, AtomicInteger requests) {
            this.delegate = delegate;
            this.requests = requests;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            requests.incrementAndGet();
            return delegate.prepareRequest(request);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
