package dev.tributary.dynamo.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.dynamo.StreamRecordMapper;
import dev.tributary.dynamo.internal.CreationTimes;
import dev.tributary.dynamo.lambda.internal.LambdaRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Runs a core {@link ChangeHandler} inside an AWS Lambda function subscribed to a DynamoDB stream, and answers
 * with a partial batch response so Lambda retries only what failed.
 *
 * <p>The event's records are converted to {@link ChangeEvent}s with a {@link StreamRecordMapper} and handed
 * to the handler in order, in chunks of {@link Builder#chunkSize(int) chunkSize} records (default: the whole
 * event as one chunk). A new chunk also starts where the records' {@code eventSourceARN} changes. When the
 * handler throws for a chunk, or a record of it cannot be converted, delivery stops and the response names
 * the first record not done (the first record of the failed chunk, or the unconvertible record when the
 * records before it in the chunk were delivered) as its only {@code batchItemFailure}. With
 * {@code ReportBatchItemFailures} turned on in the event source mapping, Lambda then checkpoints before that
 * sequence number and retries from it; records before it count as done. Without it Lambda ignores the
 * response, so turn it on. If the failed record has no sequence number the failure is rethrown, which makes
 * Lambda retry the whole batch.
 *
 * <p><b>Partition.</b> Lambda does not tell a function which shard a batch came from, so every event's
 * {@link ChangeEvent#partition()} is {@link #LAMBDA_PARTITION} ({@code "lambda"}) unless
 * {@link Builder#partition(String)} sets another constant; {@link ChangeEvent#sourceId()} is the record's
 * {@code eventSourceARN}. A constant was chosen over the ARN's stream label because the label is already part
 * of the source id and would look like a shard id without being one.
 *
 * <p>Immutable and thread-safe; create it once per function instance (in a static field or the handler's
 * constructor) and call {@link #handle} from {@code handleRequest}.
 *
 * <pre>{@code
 * public class UsersFunction implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
 *     private static final DynamoDbLambdaAdapter<User> ADAPTER = DynamoDbLambdaAdapter
 *             .builder(TableSchema.fromBean(User.class), ChangeHandler.<User>forEach(e -> index(e)))
 *             .chunkSize(25)
 *             .build();
 *
 *     public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
 *         return ADAPTER.handle(event);
 *     }
 * }
 * }</pre>
 *
 * @param <T> the image type
 */
public final class DynamoDbLambdaAdapter<T> {
    /** The default {@link ChangeEvent#partition()} of events from Lambda, which does not reveal shard ids. */
    public static final String LAMBDA_PARTITION = "lambda";

    private static final Logger LOG = LoggerFactory.getLogger(DynamoDbLambdaAdapter.class);

    private final StreamRecordMapper<T> mapper;
    private final ChangeHandler<T> handler;
    private final int chunkSize;
    private final String partition;

    private DynamoDbLambdaAdapter(Builder<T> b) {
        this.mapper = b.mapper;
        this.handler = b.handler;
        this.chunkSize = b.chunkSize;
        this.partition = b.partition;
    }

    /**
     * Returns an adapter that maps images with {@code schema} and delivers each event as one chunk.
     *
     * @param schema the item schema
     * @param handler receives the events
     * @param <T> the item type
     * @return the adapter
     */
    public static <T> DynamoDbLambdaAdapter<T> create(TableSchema<T> schema, ChangeHandler<T> handler) {
        return builder(schema, handler).build();
    }

    /**
     * Returns a builder that maps images with {@code schema}.
     *
     * @param schema the item schema
     * @param handler receives the events
     * @param <T> the item type
     * @return the builder
     */
    public static <T> Builder<T> builder(TableSchema<T> schema, ChangeHandler<T> handler) {
        return new Builder<>(StreamRecordMapper.of(Objects.requireNonNull(schema, "schema")), handler);
    }

    /**
     * Returns a builder with a mapper of your choice, such as {@link StreamRecordMapper#raw()}.
     *
     * @param mapper converts records to events
     * @param handler receives the events
     * @param <T> the image type
     * @return the builder
     */
    public static <T> Builder<T> builder(StreamRecordMapper<T> mapper, ChangeHandler<T> handler) {
        return new Builder<>(mapper, handler);
    }

    /**
     * Returns a builder whose events carry the raw attribute maps.
     *
     * @param handler receives the events
     * @return the builder
     */
    public static Builder<Map<String, AttributeValue>> rawBuilder(ChangeHandler<Map<String, AttributeValue>> handler) {
        return new Builder<>(StreamRecordMapper.raw(), handler);
    }

    /**
     * Delivers the event's records to the handler, chunk by chunk, and reports the first record not done.
     *
     * @param event the Lambda event; null or empty {@code Records} is an empty batch
     * @return a response with no failures when every chunk succeeded, else with exactly one failure
     * @throws RuntimeException the handler's or the conversion's failure, only when the record to report has
     *     no sequence number (Lambda then retries the whole batch)
     */
    public StreamsEventResponse handle(@Nullable DynamodbEvent event) {
        List<DynamodbStreamRecord> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        // A record without a creation time takes a neighbour's (one shard per event), never the clock's.
        List<java.time.@Nullable Instant> fallbacks = new CreationTimes().fallbacks(records,
                r -> r.getDynamodb() == null || r.getDynamodb().getApproximateCreationDateTime() == null ? null
                        : r.getDynamodb().getApproximateCreationDateTime().toInstant());
        int start = 0;
        while (start < records.size()) {
            int end = chunkEnd(records, start);
            Outcome outcome = deliver(records, fallbacks, start, end);
            if (outcome.error() != null) {
                return failure(records.get(outcome.firstNotDone()), outcome.error());
            }
            start = end;
        }
        return new StreamsEventResponse(new ArrayList<>());
    }

    private int chunkEnd(List<DynamodbStreamRecord> records, int start) {
        String source = records.get(start).getEventSourceARN();
        int end = start + 1;
        while (end < records.size() && end - start < chunkSize
                && Objects.equals(source, records.get(end).getEventSourceARN())) {
            end++;
        }
        return end;
    }

    private Outcome deliver(List<DynamodbStreamRecord> records, List<java.time.@Nullable Instant> fallbacks,
            int start, int end) {
        List<ChangeEvent<T>> chunk = new ArrayList<>(end - start);
        for (int i = start; i < end; i++) {
            ChangeEvent<T> event;
            try {
                event = toEvent(records.get(i), fallbacks.get(i));
            } catch (RuntimeException e) {
                LOG.warn("Stream record could not be converted [op=lambda, sequenceNumber={}, error={}]",
                        sequenceNumber(records.get(i)), e.getClass().getSimpleName());
                // Deliver what converted before it; the bad record is then the first one not done.
                Outcome before = chunk.isEmpty() ? Outcome.DONE : call(chunk, start);
                return before.error() != null ? before : new Outcome(i, e);
            }
            chunk.add(event);
        }
        return call(chunk, start);
    }

    private Outcome call(List<ChangeEvent<T>> chunk, int start) {
        try {
            handler.handle(List.copyOf(chunk));
            return Outcome.DONE;
        } catch (RuntimeException e) {
            // Handled here (reported to Lambda, not rethrown), so it is logged once, without its message:
            // a handler's message may quote item values.
            LOG.warn("Change handler refused a chunk [op=lambda, events={}, firstSequenceNumber={}, error={}]",
                    chunk.size(), chunk.get(0).sequenceNumber(), e.getClass().getSimpleName());
            LOG.debug("Change handler failure [op=lambda]", e);
            return new Outcome(start, e);
        }
    }

    private ChangeEvent<T> toEvent(DynamodbStreamRecord record, java.time.@Nullable Instant fallbackCreationTime) {
        String source = record.getEventSourceARN();
        if (source == null || source.isBlank()) {
            throw TributaryValidationException.of("record.eventSourceARN", "is required: Lambda sets it to the stream ARN");
        }
        return mapper.toEvent(LambdaRecords.toSdk(record), source, partition, fallbackCreationTime);
    }

    private static StreamsEventResponse failure(DynamodbStreamRecord record, RuntimeException cause) {
        String seq = sequenceNumber(record);
        if (seq == null || seq.isBlank()) {
            throw cause;
        }
        List<BatchItemFailure> failures = new ArrayList<>();
        failures.add(new BatchItemFailure(seq));
        return new StreamsEventResponse(failures);
    }

    private static @Nullable String sequenceNumber(DynamodbStreamRecord record) {
        return record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
    }

    /** Where delivery of a chunk stopped: {@code error} is null when every record of it is done. */
    private record Outcome(int firstNotDone, @Nullable RuntimeException error) {
        static final Outcome DONE = new Outcome(-1, null);
    }

    /**
     * Builds a {@link DynamoDbLambdaAdapter}; validates at {@link #build()}. Not thread-safe.
     *
     * @param <T> the image type
     */
    public static final class Builder<T> {
        private final StreamRecordMapper<T> mapper;
        private final ChangeHandler<T> handler;
        private int chunkSize = Integer.MAX_VALUE;
        private String partition = LAMBDA_PARTITION;

        private Builder(StreamRecordMapper<T> mapper, ChangeHandler<T> handler) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        /**
         * Sets how many records the handler gets at most per call; default: the whole event. Smaller chunks
         * mean less is retried after a failure, at the cost of more handler calls.
         *
         * @param chunkSize at least 1
         * @return this builder
         */
        public Builder<T> chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        /**
         * Sets the constant used as every event's partition; default {@link #LAMBDA_PARTITION}.
         *
         * @param partition a non-blank label
         * @return this builder
         */
        public Builder<T> partition(String partition) {
            this.partition = Objects.requireNonNull(partition, "partition");
            return this;
        }

        /**
         * Validates and builds the adapter.
         *
         * @return the adapter
         * @throws TributaryValidationException when {@code chunkSize} is below 1 or {@code partition} is blank
         */
        public DynamoDbLambdaAdapter<T> build() {
            if (chunkSize < 1) {
                throw TributaryValidationException.of("chunkSize", "must be at least 1");
            }
            if (partition.isBlank()) {
                throw TributaryValidationException.of("partition", "must not be blank, for example \"lambda\"");
            }
            return new DynamoDbLambdaAdapter<>(this);
        }
    }
}
