package dev.tributary.opensearch.ingest;

import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse;
import com.amazonaws.services.lambda.runtime.events.KinesisAnalyticsInputPreprocessingResponse.Result;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * format Firehose expects ({@code recordId}, {@code result} {@code Ok}/{@code Dropped}/{@code ProcessingFailed},
 * base64 {@code data}), using {@link KinesisAnalyticsInputPreprocessingResponse} from
 * {@code com.amazonaws:aws-lambda-java-events}, which must be on the class path.
 *
 * <p>The function returns the new record data ({@code Ok}), or null to drop the record ({@code Dropped}); when
 * it throws, the record is {@code ProcessingFailed} with its original data, and Firehose sends it to the error
 * output. {@link #cloudWatchLogs()} is the transformation for CloudWatch Logs subscriptions delivered through
 * Firehose: each gzip payload becomes newline-delimited JSON documents (the same fields as
 * {@link CloudWatchLogsIngester} writes, plus the event {@code id}), control messages are dropped. That suits an
 * S3 destination; an OpenSearch destination indexes each record as one document, so deliver to OpenSearch with
 * {@link CloudWatchLogsIngester} instead. Keep responses under Lambda's 6 MB limit (Firehose's buffer size for
 * Lambda). Stateless and thread-safe.
 *
 * <pre>{@code
 * public class CwlToS3 implements RequestHandler<KinesisFirehoseEvent, KinesisAnalyticsInputPreprocessingResponse> {
 *     public KinesisAnalyticsInputPreprocessingResponse handleRequest(KinesisFirehoseEvent event, Context context) {
 *         return FirehoseTransform.apply(event, FirehoseTransform.cloudWatchLogs());
 *     }
 * }
 * }</pre>
 */
public final class FirehoseTransform {
    private static final Logger LOG = LoggerFactory.getLogger(FirehoseTransform.class);
    private static final ObjectMapper JSON = new ObjectMapper();

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
     * Returns the CloudWatch Logs transformation: a gzip subscription payload becomes newline-delimited JSON
     * documents, JSON-object messages parsed into {@code fields}; a control message or a payload without events
     * is dropped; a malformed payload fails.
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
     * @throws dev.tributary.core.TributaryValidationException when the payload is malformed
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
            throw new UncheckedIOException("Serialising a log document failed", e);
        }
        return out.toByteArray();
    }
}
