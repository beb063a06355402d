package dev.tributary.dynamo;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ChangeType;
import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Copies a whole table into a {@link ChangeHandler} with a parallel Scan, as INSERT events, before (or while)
 * its stream is consumed: the way to fill a search index for a table that already has data.
 *
 * <p>Every event's approximate creation time is the moment the scan started and its sequence number is
 * {@code 0}, so version schemes derived from stream order rank every scanned copy below every change made
 * after the scan began: start the stream capture from a position taken before the scan (TRIM_HORIZON, or a
 * checkpoint) and the stream wins wherever the two overlap. Events carry the metadata
 * {@code tributary.backfill=true}.
 *
 * <pre>{@code
 * long copied = TableBackfill.builder(dynamo, "products", TableSchema.fromBean(Product.class))
 *         .segments(4)
 *         .progress(n -> log.info("{} items copied", n))
 *         .run(searchSync);
 * }</pre>
 *
 * @param <T> the item type
 */
public final class TableBackfill<T> {
    /** Metadata key set on backfill events. */
    public static final String BACKFILL = ChangeEvent.BACKFILL_METADATA;

    private final DynamoDbClient client;
    private final String table;
    private final TableSchema<T> schema;
    private final int segments;
    private final int pageSize;
    private final LongConsumer progress;
    private final Clock clock;
    private final Resilience guard;

    private TableBackfill(Builder<T> b) {
        this.client = b.client;
        this.table = b.table;
        this.schema = b.schema;
        this.segments = b.segments;
        this.pageSize = b.pageSize;
        this.progress = b.progress;
        this.clock = b.clock;
        this.guard = Resilience.create("dynamodb." + b.table + ".backfill", ResilienceSettings.defaults());
    }

    /**
     * Starts a builder.
     *
     * @param client the DynamoDB client (never closed here)
     * @param table the table
     * @param schema the item schema
     * @param <T> the item type
     * @return the builder
     */
    public static <T> Builder<T> builder(DynamoDbClient client, String table, TableSchema<T> schema) {
        return new Builder<>(client, table, schema);
    }

    /**
     * Scans the table with {@code segments} parallel workers, handing each page to {@code handler} as one
     * batch; returns when every segment is done.
     *
     * @param handler the handler (called from several threads at once, one page at a time per segment)
     * @return the number of items copied
     */
    public long run(ChangeHandler<T> handler) {
        Instant started = clock.instant();
        AtomicLong copied = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(segments);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < segments; s++) {
                int segment = s;
                futures.add(pool.submit(() -> scanSegment(segment, handler, started, copied)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw TributaryClientException.create("Backfill of table [" + table + "] failed: "
                    + e.getCause().getClass().getSimpleName(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TributaryClientException.create("Backfill of table [" + table + "] was interrupted; run it"
                    + " again (handlers must be idempotent)", e);
        } finally {
            pool.shutdownNow();
        }
        return copied.get();
    }

    private Void scanSegment(int segment, ChangeHandler<T> handler, Instant started, AtomicLong copied) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = guard.execute("dynamodb.Scan[" + table + "]", () -> client.scan(b -> b.tableName(table)
                    .segment(segment).totalSegments(segments).limit(pageSize).consistentRead(true)
                    .exclusiveStartKey(from)));
            List<ChangeEvent<T>> batch = new ArrayList<>(page.count());
            for (Map<String, AttributeValue> item : page.items()) {
                batch.add(event(item, started, segment));
            }
            if (!batch.isEmpty()) {
                handler.handle(batch);
                progress.accept(copied.addAndGet(batch.size()));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return null;
    }

    private ChangeEvent<T> event(Map<String, AttributeValue> item, Instant started, int segment) {
        ChangeEvent.Builder<T> b = ChangeEvent.<T>builder()
                .type(ChangeType.INSERT)
                .newImage(schema.mapToItem(item))
                .sourceId("backfill:" + table)
                .partition("segment-" + segment)
                .sequenceNumber("0")
                .approximateCreationTime(started)
                .eventId("backfill-" + started.toEpochMilli() + "-" + keyString(item))
                .metadata(BACKFILL, "true");
        String hash = schema.tableMetadata().primaryPartitionKey();
        b.key(hash, keyValue(item.get(hash)));
        schema.tableMetadata().primarySortKey().ifPresent(r -> b.key(r, keyValue(item.get(r))));
        return b.build();
    }

    private String keyString(Map<String, AttributeValue> item) {
        StringBuilder sb = new StringBuilder();
        String hash = schema.tableMetadata().primaryPartitionKey();
        sb.append(keyValue(item.get(hash)));
        schema.tableMetadata().primarySortKey().ifPresent(r -> sb.append('|').append(keyValue(item.get(r))));
        return sb.toString();
    }

    private static Object keyValue(@Nullable AttributeValue v) {
        if (v == null) {
            throw TributaryValidationException.of("key", "a scanned item lacks its key attribute");
        }
        if (v.s() != null) {
            return v.s();
        }
        if (v.n() != null) {
            return new java.math.BigDecimal(v.n());
        }
        return v.b().asByteArray();
    }

    /**
     * Builds a {@link TableBackfill}. Not thread-safe.
     *
     * @param <T> the item type
     */
    public static final class Builder<T> {
        private final DynamoDbClient client;
        private final String table;
        private final TableSchema<T> schema;
        private int segments = 4;
        private int pageSize = 500;
        private LongConsumer progress = n -> { };
        private Clock clock = Clock.systemUTC();

        private Builder(DynamoDbClient client, String table, TableSchema<T> schema) {
            this.client = Objects.requireNonNull(client, "client");
            this.table = Objects.requireNonNull(table, "table");
            this.schema = Objects.requireNonNull(schema, "schema");
        }

        /** Sets the parallel scan segments (1-1000); default 4. */
        public Builder<T> segments(int segments) {
            this.segments = segments;
            return this;
        }

        /** Sets items per Scan page (one handler batch); default 500. */
        public Builder<T> pageSize(int pageSize) {
            this.pageSize = pageSize;
            return this;
        }

        /** Receives the running total of copied items after each page. */
        public Builder<T> progress(LongConsumer progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** Sets the clock (the scan start time). */
        public Builder<T> clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the backfill
         */
        public TableBackfill<T> build() {
            if (segments < 1 || segments > 1000 || pageSize < 1) {
                throw TributaryValidationException.of("segments", "segments must be 1-1000 and pageSize positive");
            }
            return new TableBackfill<>(this);
        }
    }
}
