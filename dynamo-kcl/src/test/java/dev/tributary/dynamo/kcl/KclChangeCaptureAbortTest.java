package dev.tributary.dynamo.kcl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryRejectedException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class KclChangeCaptureAbortTest extends UnstartedCaptureFixture {
    // Fast timings, so that the thread abort() leaves stops KCL soon.
    @Override
    KclChangeCapture.Builder<Map<String, AttributeValue>> valid() {
        return super.valid().timings(KclTimings.fast());
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
