package dev.tributary.opensearch.ingest;

import com.amazonaws.services.lambda.runtime.events.CloudWatchLogsEvent;
import dev.tributary.core.TributaryServiceException;
import dev.tributary.core.TributaryValidationException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The body of a Lambda function subscribed to a CloudWatch Logs log group: decodes {@code awslogs.data} and
 * indexes it with a {@link CloudWatchLogsIngester}. Needs {@code com.amazonaws:aws-lambda-java-events} on the
 * class path.
 *
 * <p>CloudWatch Logs invokes the function asynchronously, so Lambda retries a failed invocation (twice by
 * default, then the on-failure destination). {@link #handle} therefore throws when any document failed: the
 * retry re-sends the whole payload, which is safe because every event is written under its own id. Build the
 * ingester once per execution environment (a static field), not per invocation. Thread-safe.
 *
 * <pre>{@code
 * public class LogsToOpenSearch implements RequestHandler<CloudWatchLogsEvent, Void> {
 *     private static final CloudWatchLogsLambda LOGS = CloudWatchLogsLambda.create(CloudWatchLogsIngester.builder()
 *             .connection(OpenSearchConnection.builder().url(System.getenv("OPENSEARCH_URL"))
 *                     .aws(Region.EU_WEST_1, AwsService.ES).build())
 *             .dailyIndices("cwl")
 *             .build());
 *
 *     public Void handleRequest(CloudWatchLogsEvent event, Context context) {
 *         LOGS.handle(event);
 *         return null;
 *     }
 * }
 * }</pre>
 */
public final class CloudWatchLogsLambda {
    private static final Logger LOG = LoggerFactory.getLogger(CloudWatchLogsLambda.class);

    private final CloudWatchLogsIngester ingester;

    private CloudWatchLogsLambda(CloudWatchLogsIngester ingester) {
        this.ingester = ingester;
    }

    /**
     * Wraps an ingester; the caller keeps ownership of it.
     *
     * @param ingester the ingester
     * @return the handler
     */
    public static CloudWatchLogsLambda create(CloudWatchLogsIngester ingester) {
        return new CloudWatchLogsLambda(Objects.requireNonNull(ingester, "ingester"));
    }

    /**
     * Indexes the event's payload and throws when any document failed, so that Lambda retries the payload.
     *
     * @param event the Lambda event
     * @return the result when every document was written (control messages are dropped)
     * @throws TributaryValidationException when the event carries no or a malformed payload
     * @throws TributaryServiceException when documents failed for good; retryable when any failure was
     */
    public IngestResult handle(CloudWatchLogsEvent event) {
        IngestResult result = ingest(event);
        if (!result.allSucceeded()) {
            IngestFailure first = result.failures().get(0);
            boolean retryable = result.failures().stream().anyMatch(IngestFailure::retryable);
            throw TributaryServiceException.builder()
                    .message(result.failures().size() + " of " + result.documents() + " log events were not indexed"
                            + " (first: " + first.errorType() + ", HTTP " + first.status() + "). Failing the invocation"
                            + " so that Lambda retries the payload; replays overwrite by event id")
                    .statusCode(first.status())
                    .errorCode(first.errorType())
                    .retryable(retryable)
                    .build();
        }
        return result;
    }

    /**
     * Indexes the event's payload and returns the outcome without throwing for failed documents.
     *
     * @param event the Lambda event
     * @return what was written, dropped and failed
     * @throws TributaryValidationException when the event carries no or a malformed payload
     */
    public IngestResult ingest(CloudWatchLogsEvent event) {
        Objects.requireNonNull(event, "event");
        if (event.getAwsLogs() == null || event.getAwsLogs().getData() == null) {
            throw TributaryValidationException.of("awslogs.data", "is missing: expected a CloudWatch Logs subscription event");
        }
        IngestResult result = ingester.ingest(CloudWatchLogsPayload.decode(event.getAwsLogs().getData()));
        LOG.debug("Ingested CloudWatch Logs event [documents={}, failed={}, droppedControl={}]", result.documents(),
                result.failures().size(), result.droppedControlMessages());
        return result;
    }
}
