package dev.tributary.dynamo.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.TributaryRejectedException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

class KclChangeCaptureAbortTest {
    private static final String ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/users/stream/2024-01-01T00:00:00.000";
    // Nothing listens here; building and aborting a capture that never started makes no call.
    private final ClientSettings settings = ClientSettings.local(URI.create("http://127.0.0.1:9")).toBuilder()
            .apiCallTimeout(Duration.ofSeconds(2)).build();
    private final DynamoDbStreamsClient streams =
            settings.applyTo(DynamoDbStreamsClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
    private final DynamoDbAsyncClient leases = settings.applyTo(DynamoDbAsyncClient.builder()).build();

    @AfterEach
    void closeClients() {
        streams.close();
        leases.close();
    }

    private KclChangeCapture.Builder<Map<String, AttributeValue>> valid() {
        return KclChangeCapture.raw().applicationName("orders-projector").streamArn(ARN).streamsClient(streams)
                .leaseClient(leases).timings(KclTimings.fast()).handler("h", batch -> { });
    }

    @Test
    void start_afterAbort_failsAsAfterClose() {
        KclChangeCapture<?> capture = valid().build();

        capture.abort();

        assertThatThrownBy(capture::start).isInstanceOfSatisfying(TributaryRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.CLOSED)).hasMessageContaining("closed");
    }

    @Test
    void abort_twiceThenClose_isIdempotent() {
        KclChangeCapture<?> capture = valid().build();

        capture.abort();
        capture.abort();
        capture.close();

        assertThatThrownBy(capture::start).isInstanceOfSatisfying(TributaryRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.CLOSED));
    }

    @Test
    void abort_afterClose_doesNothing() {
        KclChangeCapture<?> capture = valid().build();
        capture.close();

        capture.abort();

        assertThatThrownBy(capture::start).isInstanceOfSatisfying(TributaryRejectedException.class,
                e -> assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.CLOSED));
    }

    @Test
    void abort_userClients_neverClosed() throws InterruptedException {
        CountingClient<DynamoDbAsyncClient> userLeases = CountingClient.wrapping(DynamoDbAsyncClient.class, leases);
        KclChangeCapture<?> capture = valid().leaseClient(userLeases.client()).build();

        capture.abort();
        joinAbortThreads();

        assertThat(userLeases.calls("close")).isZero();
    }

    /** Waits for the background thread abort() leaves to stop KCL and close the capture's own clients. */
    private static void joinAbortThreads() throws InterruptedException {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("tributary-kcl-abort-")) {
                t.join(10_000);
            }
        }
    }
}
