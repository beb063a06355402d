package dev.tributary.opensearch.ingest;

import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse.Result;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.core.TributaryValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Firehose data transformation in a Lambda function: applies a function to every record and answers in the
 * format Firehose expects: one output record per input record, in order, each with the input's
 * {@code recordId}, a {@code result} of {@code Ok}/{@code Dropped}/{@code ProcessingFailed} and the new
 * {@code data} (the Lambda runtime writes it base64-encoded), using
 * {@link KinesisAnalyticsInputPreprocessingResponse} from {@code com.amazonaws:aws-lambda-java-events}, which
 * must be on the class path.
 *
 * <p>The function returns the new record data ({@code Ok}), or null to drop the record ({@code Dropped}); when
 * it throws, the record is {@code ProcessingFailed} with its original data, and Firehose sends it to the error
 * output.
 *
 * <p><b>Destinations.</b> Firehose's OpenSearch destination indexes each record as exactly one document, so a
 * transformation for it must turn a record into one JSON object, never newline-delimited JSON (Firehose
 * cannot split a record; a record holding several documents is refused by OpenSearch). {@link #jsonDocument}
 * wraps a function that returns one document per record and fails any record whose result is not a single
 * JSON object. For CloudWatch Logs subscriptions, whose records each carry a batch of log events,
 * {@link #cloudWatchLogsDocument()} makes one document per record ({@code events} array plus the joined
 * messages); when every log event must be its own document, deliver to OpenSearch with
 * {@link CloudWatchLogsIngester} instead, as AWS advises. {@link #cloudWatchLogs()} is for S3 and other
 * destinations that take newline-delimited JSON. Keep responses under Lambda's 6 MB limit (Firehose's buffer
 * size for Lambda). Stateless and thread-safe.
 *
 * <pre>{@code
 * public class CwlToOpenSearch
 *         implements RequestHandler<KinesisFirehoseEvent, KinesisAnalyticsInputPreprocessingResponse> {
 *     public KinesisAnalyticsInputPreprocessingResponse handleRequest(KinesisFirehoseEvent event, Context context) {
 *         return FirehoseTransform.apply(event, FirehoseTransform.cloudWatchLogsDocument());
 *     }
 * }
 * }</pre>
 */
public final class FirehoseTransform {
    private static final Logger LOG = LoggerFactory.getLogger(FirehoseTransform.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader SINGLE = JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private FirehoseTransform() {}

    /**
     * Transforms every record of a Firehose event.
     *
     * @param event the Firehose event
     * @param transform new data for a record's data, or null to drop the record; may throw to fail it
     * @return the response for Firehose, one record per input record, in order
     */
    public static KinesisAnalyticsInputPreprocessingResponse apply(KinesisFirehoseEvent event,
            Function<byte[], byte @Nullable []> transform) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(transform, "transform");
        List<KinesisFirehoseEvent.Record> in = event.getRecords() == null ? List.of() : event.getRecords();
        List<KinesisAnalyticsInputPreprocessingResponse.Record> out = new ArrayList<>(in.size());
        int failed = 0;
        for (KinesisFirehoseEvent.Record r : in) {
            byte[] data = r.getData() == null ? new byte[0] : KinesisLambda.bytes(r.getData());
            try {
                byte[] result = transform.apply(data);
                out.add(result == null
                        ? new KinesisAnalyticsInputPreprocessingResponse.Record(r.getRecordId(), Result.Dropped,
                                ByteBuffer.wrap(new byte[0]))
                        : new KinesisAnalyticsInputPreprocessingResponse.Record(r.getRecordId(), Result.Ok,
                                ByteBuffer.wrap(result)));
            } catch (RuntimeException e) {
                failed++;
                LOG.debug("Firehose record failed transformation [recordId={}, error={}]", r.getRecordId(),
                        e.getClass().getSimpleName());
                out.add(new KinesisAnalyticsInputPreprocessingResponse.Record(r.getRecordId(), Result.ProcessingFailed,
                        ByteBuffer.wrap(data)));
            }
        }
        if (failed > 0) {
            LOG.warn("{} of {} Firehose records failed transformation and go to the error output", failed, in.size());
        }
        return new KinesisAnalyticsInputPreprocessingResponse(out);
    }

    /**
     * Returns a transformation that makes exactly one JSON document of each record, as Firehose's OpenSearch
     * destination needs: {@code toDocument} returns the document (a Jackson tree, a map or a bean serialised to
     * a JSON object), or null to drop the record. A result that is not a JSON object (an array, a scalar, NDJSON
     * text) fails the record instead of reaching OpenSearch.
     *
     * @param toDocument the record's data to its document, or null to drop it; may throw to fail the record
     * @return the transformation for {@link #apply}; the data it returns is compact UTF-8 JSON without newlines
     */
    public static Function<byte[], byte @Nullable []> jsonDocument(Function<byte[], @Nullable Object> toDocument) {
        Objects.requireNonNull(toDocument, "toDocument");
        return data -> {
            Object document = toDocument.apply(data);
            if (document == null) {
                return null;
            }
            JsonNode node = document instanceof byte[] bytes ? parseSingle(bytes) : JSON.valueToTree(document);
            if (!(node instanceof ObjectNode)) {
                throw TributaryValidationException.of("document",
                        "must be one JSON object per record for an OpenSearch destination");
            }
            return serialise(node);
        };
    }

    /**
     * Returns the CloudWatch Logs transformation for Firehose's OpenSearch destination: each record (one gzip
     * subscription payload, holding one or more log events) becomes one document with {@code @timestamp} (the
     * first event's time), {@code logGroup}, {@code logStream}, {@code owner}, {@code message} (the events'
     * messages joined by newlines, for full-text search), {@code eventCount} and {@code events} (each event as
     * {@link CloudWatchLogsIngester} would index it, with its {@code id}). A control message or a payload
     * without events is dropped; a malformed payload fails.
     *
     * @return the transformation for {@link #apply}
     */
    public static Function<byte[], byte @Nullable []> cloudWatchLogsDocument() {
        return FirehoseTransform::cloudWatchLogsToDocument;
    }

    /**
     * Converts one CloudWatch Logs subscription payload into one JSON document (see
     * {@link #cloudWatchLogsDocument()}).
     *
     * @param data the gzip payload (or plain JSON)
     * @return UTF-8 JSON, one object, or null for a control message or no events
     * @throws TributaryValidationException when the payload is malformed
     */
    public static byte @Nullable [] cloudWatchLogsToDocument(byte[] data) {
        CloudWatchLogsPayload payload = CloudWatchLogsPayload.decode(data);
        if (payload.isControl() || payload.logEvents().isEmpty()) {
            return null;
        }
        ObjectNode doc = JSON.createObjectNode();
        doc.put("@timestamp", payload.logEvents().get(0).time().toString());
        doc.put("logGroup", payload.logGroup());
        doc.put("logStream", payload.logStream());
        doc.put("owner", payload.owner());
        StringBuilder messages = new StringBuilder();
        ArrayNode events = JSON.createArrayNode();
        for (CloudWatchLogsPayload.LogEvent e : payload.logEvents()) {
            messages.append(messages.length() == 0 ? "" : "\n").append(e.message());
            ObjectNode event = LogDocuments.document(payload, e, true, true);
            // The envelope fields are on the record's document already.
            event.remove(List.of("logGroup", "logStream", "owner"));
            events.add(event);
        }
        doc.put("message", messages.toString());
        doc.put("eventCount", events.size());
        doc.set("events", events);
        return serialise(doc);
    }

    /**
     * Returns the CloudWatch Logs transformation for S3 and other destinations that take newline-delimited
     * JSON: a gzip subscription payload becomes one document per log event, each on its own line, JSON-object
     * messages parsed into {@code fields}; a control message or a payload without events is dropped; a malformed
     * payload fails. Not for an OpenSearch destination: use {@link #cloudWatchLogsDocument()}.
     *
     * @return the transformation for {@link #apply}
     */
    public static Function<byte[], byte @Nullable []> cloudWatchLogs() {
        return FirehoseTransform::cloudWatchLogsToNdjson;
    }

    /**
     * Converts one CloudWatch Logs subscription payload into newline-delimited JSON documents.
     *
     * @param data the gzip payload (or plain JSON)
     * @return UTF-8 NDJSON, one document per log event, or null for a control message or no events
     * @throws TributaryValidationException when the payload is malformed
     */
    public static byte @Nullable [] cloudWatchLogsToNdjson(byte[] data) {
        CloudWatchLogsPayload payload = CloudWatchLogsPayload.decode(data);
        if (payload.isControl() || payload.logEvents().isEmpty()) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 8);
        try {
            for (CloudWatchLogsPayload.LogEvent e : payload.logEvents()) {
                out.write(JSON.writeValueAsBytes(LogDocuments.document(payload, e, true, true)));
                out.write('\n');
            }
        } catch (IOException e) {
            throw dev.tributary.core.TributaryClientException.create("Serialising a log document failed ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        return out.toByteArray();
    }

    private static JsonNode parseSingle(byte[] json) {
        try {
            return SINGLE.readTree(json);
        } catch (IOException e) {
            // Also reached for NDJSON: a second document is a trailing token.
            throw TributaryValidationException.of("document",
                    "must be exactly one JSON object per record for an OpenSearch destination");
        }
    }

    private static byte[] serialise(JsonNode node) {
        try {
            // Compact output: string values escape their newlines, so the record holds no line break.
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw dev.tributary.core.TributaryClientException.create("Serialising a document failed ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
