package dev.tributary.opensearch.ingest;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.tributary.core.TributaryValidationException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a Lambda function on a Kinesis data stream event source mapping with
 * {@code FunctionResponseTypes: ReportBatchItemFailures}: indexes the batch with a {@link KinesisIngester} and
 * reports the records that failed for good as batch item failures. Needs
 * {@code com.amazonaws:aws-lambda-java-events} on the class path.
 *
 * <p>Lambda checkpoints before the lowest reported sequence number of the shard and retries from there, so
 * later records of the batch that did succeed are sent again; that is safe because their ids are stable. Every
 * failed record's sequence number is reported (in batch order); which failures count is set with
 * {@link #reportIf} (default: all, so nothing is lost silently; report only retryable ones when a dead-letter
 * failure handler keeps the rest). An exception thrown by the ingester (such as a full buffer) fails the whole
 * invocation. Thread-safe.
 *
 * <pre>{@code
 * public class OrdersToOpenSearch implements RequestHandler<KinesisEvent, StreamsEventResponse> {
 *     private static final ObjectMapper JSON = new ObjectMapper();
 *     private static final KinesisLambda<JsonNode> ORDERS = KinesisLambda.create(
 *             KinesisIngester.<JsonNode>builder(JSON::readTree).connection(connection()).index("orders").build());
 *
 *     public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
 *         return ORDERS.handle(event);
 *     }
 * }
 * }</pre>
 *
 * @param <T> the document type
 */
public final class KinesisLambda<T> {
    private static final Logger LOG = LoggerFactory.getLogger(KinesisLambda.class);

    private final KinesisIngester<T> ingester;
    private final Predicate<IngestFailure> report;

    private KinesisLambda(KinesisIngester<T> ingester, Predicate<IngestFailure> report) {
        this.ingester = ingester;
        this.report = report;
    }

    /**
     * Wraps an ingester, reporting every failed record; the caller keeps ownership of the ingester.
     *
     * @param ingester the ingester
     * @param <T> the document type
     * @return the handler
     */
    public static <T> KinesisLambda<T> create(KinesisIngester<T> ingester) {
        return new KinesisLambda<>(Objects.requireNonNull(ingester, "ingester"), f -> true);
    }

    /**
     * Returns a copy that reports only failures matching {@code report}, such as
     * {@code IngestFailure::retryable}; the others are left to the ingester's failure handler.
     *
     * @param report which failures make Lambda retry from their record
     * @return the new handler
     */
    public KinesisLambda<T> reportIf(Predicate<IngestFailure> report) {
        return new KinesisLambda<>(ingester, Objects.requireNonNull(report, "report"));
    }

    /**
     * Indexes the batch and returns the failed records' sequence numbers.
     *
     * @param event the Lambda event
     * @return the batch item failures (empty when every record was indexed or skipped)
     * @throws TributaryValidationException when a record lacks its event id, sequence number or data
     */
    public StreamsEventResponse handle(KinesisEvent event) {
        IngestResult result = ingester.ingest(records(event));
        Set<String> failed = new LinkedHashSet<>();
        for (IngestFailure f : result.failures()) {
            if (f.sequenceNumber() != null && report.test(f)) {
                failed.add(f.sequenceNumber());
            }
        }
        List<StreamsEventResponse.BatchItemFailure> items = new ArrayList<>(failed.size());
        for (String sequenceNumber : failed) {
            items.add(StreamsEventResponse.BatchItemFailure.builder().withItemIdentifier(sequenceNumber).build());
        }
        LOG.debug("Ingested Kinesis batch [documents={}, skipped={}, failed={}, reported={}]", result.documents(),
                result.skipped(), result.failures().size(), items.size());
        return StreamsEventResponse.builder().withBatchItemFailures(items).build();
    }

    /**
     * Converts a Lambda Kinesis event into records; the shard id is taken from each record's event id
     * ({@code shardId-000000000000:<sequenceNumber>}).
     *
     * @param event the Lambda event
     * @return the records, in event order
     * @throws TributaryValidationException when a record lacks its event id, sequence number or data
     */
    public static List<KinesisRecord> records(KinesisEvent event) {
        Objects.requireNonNull(event, "event");
        List<KinesisEvent.KinesisEventRecord> in = event.getRecords() == null ? List.of() : event.getRecords();
        List<KinesisRecord> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            KinesisEvent.KinesisEventRecord r = in.get(i);
            KinesisEvent.Record k = r.getKinesis();
            String field = "Records[" + i + "]";
            if (k == null || k.getSequenceNumber() == null || k.getData() == null) {
                throw TributaryValidationException.of(field + ".kinesis", "needs sequenceNumber and data");
            }
            out.add(new KinesisRecord(shardId(r.getEventID(), field), k.getSequenceNumber(), bytes(k.getData()),
                    k.getPartitionKey(), k.getApproximateArrivalTimestamp() == null ? null
                            : k.getApproximateArrivalTimestamp().toInstant()));
        }
        return out;
    }

    private static String shardId(@Nullable String eventId, String field) {
        int colon = eventId == null ? -1 : eventId.indexOf(':');
        if (colon <= 0) {
            throw TributaryValidationException.of(field + ".eventID", "must look like shardId-000000000000:<sequenceNumber>");
        }
        return eventId.substring(0, colon);
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
