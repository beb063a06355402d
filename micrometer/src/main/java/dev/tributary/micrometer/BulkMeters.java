package dev.tributary.micrometer;

import dev.tributary.core.TributaryException;
import dev.tributary.opensearch.BulkListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BulkListener} that records a bulk indexer's work as Micrometer meters, tagged {@code index=<name>}:
 * <ul>
 *   <li>{@code tributary.bulk.requests}: bulk requests sent;</li>
 *   <li>{@code tributary.bulk.bytes}: a summary of request body sizes (uncompressed);</li>
 *   <li>{@code tributary.bulk.docs}: counter of items, tagged {@code outcome=succeeded|retried|failed};</li>
 *   <li>{@code tributary.bulk.latency}: a timer of the requests' round trips;</li>
 *   <li>{@code tributary.bulk.request.failures}: whole requests that failed after their retries, tagged
 *       {@code retryable}.</li>
 * </ul>
 * Thread-safe; pass it to {@code BulkIndexer.Builder.listener} (combined with an own listener by
 * {@link BulkListener#both}).
 *
 * <pre>{@code
 * BulkIndexer<Product> indexer = BulkIndexer.<Product>builder(connection, "products")
 *         .listener(BulkMeters.create(registry, "products"))
 *         .build();
 * }</pre>
 */
public final class BulkMeters implements BulkListener {
    private final Meters meters;
    private final Counter requests;
    private final DistributionSummary bytes;
    private final Counter succeeded;
    private final Counter retried;
    private final Counter failed;
    private final Timer latency;

    private BulkMeters(Meters meters) {
        this.meters = meters;
        this.requests = meters.counter("tributary.bulk.requests", "Bulk requests sent");
        this.bytes = meters.summary("tributary.bulk.bytes", "bytes", "Uncompressed size of bulk request bodies");
        this.succeeded = docs(meters, "succeeded");
        this.retried = docs(meters, "retried");
        this.failed = docs(meters, "failed");
        this.latency = meters.timer("tributary.bulk.latency", "Round trip of a bulk request");
    }

    private static Counter docs(Meters meters, String outcome) {
        return meters.counter("tributary.bulk.docs",
                "Bulk items by outcome; retried items are counted again when resent", "outcome", outcome);
    }

    /**
     * Creates the listener and registers its meters.
     *
     * @param registry where the meters go
     * @param index the index (or alias) written, the {@code index} tag
     * @return the listener
     */
    public static BulkMeters create(MeterRegistry registry, String index) {
        return create(registry, Tags.of("index", Objects.requireNonNull(index, "index")));
    }

    /**
     * Creates the listener with tags of the caller's choice.
     *
     * @param registry where the meters go
     * @param tags tags on every meter
     * @return the listener
     */
    public static BulkMeters create(MeterRegistry registry, Tags tags) {
        return new BulkMeters(new Meters(registry, tags));
    }

    @Override
    public void beforeBulk(long requestId, int actions, long bytes) {
        requests.increment();
        this.bytes.record(bytes);
    }

    @Override
    public void afterBulk(long requestId, int succeeded, int retried, int failed, long tookMillis) {
        this.succeeded.increment(succeeded);
        this.retried.increment(retried);
        this.failed.increment(failed);
        latency.record(tookMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void onRequestFailure(long requestId, TributaryException error) {
        meters.counter("tributary.bulk.request.failures", "Bulk requests that failed as a whole after their retries",
                "retryable", Boolean.toString(error.retryable())).increment();
    }
}
