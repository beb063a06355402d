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
 * BulkIndexer<Product> indexer = BulkIndexer.builder(connection, "products", Product.class)
 *         .listener(BulkMeters.create(registry, "products"))
 *         .build();
 * }</pre>
 */
public final class BulkMeters implements BulkListener {
    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter requests;
    private final DistributionSummary bytes;
    private final Counter succeeded;
    private final Counter retried;
    private final Counter failed;
    private final Timer latency;

    private BulkMeters(MeterRegistry registry, Tags tags) {
        this.registry = registry;
        this.tags = tags;
        this.requests = Counter.builder("tributary.bulk.requests").tags(tags)
                .description("Bulk requests sent").register(registry);
        this.bytes = DistributionSummary.builder("tributary.bulk.bytes").tags(tags).baseUnit("bytes")
                .description("Uncompressed size of bulk request bodies").register(registry);
        this.succeeded = docs(registry, tags, "succeeded");
        this.retried = docs(registry, tags, "retried");
        this.failed = docs(registry, tags, "failed");
        this.latency = Timer.builder("tributary.bulk.latency").tags(tags)
                .description("Round trip of a bulk request").register(registry);
    }

    private static Counter docs(MeterRegistry registry, Tags tags, String outcome) {
        return Counter.builder("tributary.bulk.docs").tags(tags).tag("outcome", outcome)
                .description("Bulk items by outcome; retried items are counted again when resent")
                .register(registry);
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
        return new BulkMeters(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(tags, "tags"));
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
        Counter.builder("tributary.bulk.request.failures").tags(tags)
                .tag("retryable", Boolean.toString(error.retryable()))
                .description("Bulk requests that failed as a whole after their retries").register(registry)
                .increment();
    }
}
