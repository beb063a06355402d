package dev.tributary.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

class ClientSettingsTest {

    @Test
    void overrideConfiguration_always_turnsSdkRetriesOff() {
        ClientOverrideConfiguration c = ClientSettings.builder()
                .apiCallTimeout(Duration.ofSeconds(7))
                .apiCallAttemptTimeout(Duration.ofSeconds(2))
                .build()
                .overrideConfiguration();

        assertThat(c.retryStrategy()).get().satisfies(s -> assertThat(s.maxAttempts()).isEqualTo(1));
        assertThat(c.apiCallTimeout()).contains(Duration.ofSeconds(7));
        assertThat(c.apiCallAttemptTimeout()).contains(Duration.ofSeconds(2));
    }

    @Test
    void local_endpoint_setsRegionCredentialsAndEndpoint() {
        ClientSettings s = ClientSettings.local(URI.create("http://127.0.0.1:8000"));

        assertThat(s.endpointOverride()).contains(URI.create("http://127.0.0.1:8000"));
        assertThat(s.region()).isPresent();
        assertThat(s.credentialsProvider()).isPresent();
    }

    // Built at run time so no string shaped like a real access key id is committed.
    private static final String FAKE_KEY_ID = "AKIA" + "EXAMPLEKEY000000";

    @Test
    void toString_withCredentials_neverPrintsThem() {
        ClientSettings s = ClientSettings.builder()
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(FAKE_KEY_ID, "verySecretValue")))
                .build();

        assertThat(s.toString()).doesNotContain(FAKE_KEY_ID, "verySecretValue");
    }

    @Test
    void build_relativeEndpoint_isRejectedNamingTheField() {
        assertThatThrownBy(() -> ClientSettings.builder().endpointOverride(URI.create("localhost:8000")).build())
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("endpointOverride");
        assertThatThrownBy(() -> ClientSettings.builder().apiCallTimeout(Duration.ZERO).build())
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("apiCallTimeout");
    }

    @Test
    void toBuilder_copy_keepsValuesAndAllowsChange() {
        ClientSettings a = ClientSettings.local(URI.create("http://127.0.0.1:1"));
        ClientSettings b = a.toBuilder().apiCallTimeout(Duration.ofSeconds(3)).build();

        assertThat(b.endpointOverride()).isEqualTo(a.endpointOverride());
        assertThat(b.apiCallTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(a.apiCallTimeout()).isEqualTo(ClientSettings.DEFAULT_API_CALL_TIMEOUT);
    }

    @Test
    void overrideConfiguration_interceptorsAndPublishers_areAddedBesideTimeoutsAndNoRetries() {
        ExecutionInterceptor interceptor = new ExecutionInterceptor() {};
        MetricPublisher publisher = new MetricPublisher() {
            @Override
            public void publish(MetricCollection metricCollection) {}

            @Override
            public void close() {}
        };
        ClientSettings s = ClientSettings.builder().apiCallTimeout(Duration.ofSeconds(7))
                .addExecutionInterceptor(interceptor).addMetricPublisher(publisher).build();

        ClientOverrideConfiguration c = s.overrideConfiguration();

        assertThat(c.executionInterceptors()).containsExactly(interceptor);
        assertThat(c.metricPublishers()).containsExactly(publisher);
        assertThat(c.apiCallTimeout()).contains(Duration.ofSeconds(7));
        assertThat(c.retryStrategy()).get().satisfies(r -> assertThat(r.maxAttempts()).isEqualTo(1));
        assertThat(s.toBuilder().build().executionInterceptors()).containsExactly(interceptor);
    }
}
