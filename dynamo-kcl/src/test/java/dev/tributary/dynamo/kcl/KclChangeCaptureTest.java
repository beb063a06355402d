package dev.tributary.dynamo.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.TributaryValidationException;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsServiceClientConfiguration;

class KclChangeCaptureTest extends UnstartedCaptureFixture {
    private static void assertInvalid(KclChangeCapture.Builder<?> builder, String field) {
        assertThatThrownBy(builder::build).isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining(field);
    }

    @Test
    void build_withoutHandler_namesHandler() {
        assertInvalid(KclChangeCapture.raw().applicationName("app").streamArn(ARN), "handler");
    }

    @Test
    void build_withoutApplicationName_namesApplicationName() {
        assertInvalid(valid().applicationName(" "), "applicationName");
    }

    @Test
    void build_applicationNameNotATableName_namesApplicationName() {
        assertInvalid(valid().applicationName("my app!"), "applicationName");
    }

    @Test
    void build_withoutStreamArn_namesStreamArn() {
        UnaryOperator<KclChangeCapture.Builder<Map<String, AttributeValue>>> noArn = b -> b.streamArn("");
        assertInvalid(noArn.apply(valid()), "streamArn");
    }

    @Test
    void build_tableArnInsteadOfStreamArn_namesStreamArn() {
        assertInvalid(valid().streamArn("arn:aws:dynamodb:us-east-1:123456789012:table/users"), "streamArn");
    }

    @Test
    void build_batchSizeOutOfRange_namesBatchSize() {
        assertInvalid(valid().batchSize(0), "batchSize");
        assertInvalid(valid().batchSize(1001), "batchSize");
    }

    @Test
    void build_zeroPollInterval_namesPollInterval() {
        assertInvalid(valid().pollInterval(Duration.ZERO), "pollInterval");
    }

    @Test
    void build_blankWorkerIdentifier_namesWorkerIdentifier() {
        assertInvalid(valid().workerIdentifier(" "), "workerIdentifier");
    }

    @Test
    void build_validSettings_exposesThemWithoutCallingAws() {
        try (KclChangeCapture<Map<String, AttributeValue>> capture = valid().workerIdentifier("w-1").build()) {
            assertThat(capture.applicationName()).isEqualTo("orders-projector");
            assertThat(capture.streamArn()).isEqualTo(ARN);
            assertThat(capture.workerIdentifier()).isEqualTo("w-1");
            assertThat(capture.metrics().records()).isZero();
            assertThat(capture.stoppedShards()).isEmpty();
        }
    }

    @Test
    void build_noWorkerIdentifier_generatesOnePerCapture() {
        try (KclChangeCapture<?> a = valid().build(); KclChangeCapture<?> b = valid().build()) {
            assertThat(a.workerIdentifier()).isNotBlank().isNotEqualTo(b.workerIdentifier());
        }
    }

    @Test
    void close_neverStarted_leavesUserClientsOpenAndIsIdempotent() {
        CountingClient<DynamoDbStreamsClient> userStreams = CountingClient.wrapping(DynamoDbStreamsClient.class, streams);
        CountingClient<DynamoDbAsyncClient> userLeases = CountingClient.wrapping(DynamoDbAsyncClient.class, leases);
        KclChangeCapture<?> capture =
                valid().streamsClient(userStreams.client()).leaseClient(userLeases.client()).build();

        capture.close();
        capture.close();

        assertThat(userStreams.calls("close")).isZero();
        assertThat(userLeases.calls("close")).isZero();
    }

    @Test
    void build_streamsClientWithoutRegion_namesStreamsClient() {
        DynamoDbStreamsClient noRegion = CountingClient.wrapping(DynamoDbStreamsClient.class, streams)
                .answer("serviceClientConfiguration", DynamoDbStreamsServiceClientConfiguration.builder().build())
                .client();
        assertInvalid(valid().streamsClient(noRegion), "streamsClient");
    }

    @Test
    void start_afterClose_fails() {
        KclChangeCapture<?> capture = valid().build();
        capture.close();

        assertThatThrownBy(capture::start).isInstanceOfSatisfying(TributaryRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.CLOSED)).hasMessageContaining("closed");
    }
}
