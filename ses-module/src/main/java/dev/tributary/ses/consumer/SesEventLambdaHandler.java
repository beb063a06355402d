package dev.tributary.ses.consumer;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.consumer.internal.MessageProcessor;
import dev.tributary.ses.suppression.SuppressionPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * Handles SES events delivered to a Lambda function by an SQS event source mapping, the same way as
 * {@link SesEventConsumer}: decode, apply the {@link SuppressionPolicy}, call your {@link SesEventHandler}.
 * Returns a partial batch response: messages that are not SES events or whose policy or handler threw are
 * reported as item failures, so Lambda deletes only the others and the queue's redrive policy eventually
 * moves the failures to the dead-letter queue. Turn on {@code ReportBatchItemFailures} in the event source
 * mapping ({@code FunctionResponseTypes}): without it Lambda ignores the response and deletes the whole
 * batch, failures included, because this method does not throw.
 *
 * <p>Build one per function instance (in a static field or the handler's constructor) and delegate to it from
 * your {@code RequestHandler}; needs {@code com.amazonaws:aws-lambda-java-events} (and
 * {@code aws-lambda-java-core} for {@code RequestHandler}). Thread-safe and stateless between calls.
 *
 * <pre>{@code
 * public final class SesEventsFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
 *     private static final SesEventLambdaHandler HANDLER = SesEventLambdaHandler.builder()
 *             .suppressionPolicy(SuppressionPolicy.builder().store(store).build())
 *             .handler(event -> metrics.count(event.type()))
 *             .build();
 *
 *     public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
 *         return HANDLER.handle(event);
 *     }
 * }
 * }</pre>
 */
public final class SesEventLambdaHandler {
    private static final String RECEIVE_COUNT = "ApproximateReceiveCount";

    private final MessageProcessor processor;

    private SesEventLambdaHandler(Builder b) {
        this.processor = b.settings.processor();
    }

    /** Returns a builder; a policy or a handler is required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Handles every record of the batch in order and reports the ones to keep in the queue.
     *
     * @param event the SQS event Lambda passes
     * @return the partial batch response: the message ids that failed (empty when all succeeded)
     */
    public SQSBatchResponse handle(SQSEvent event) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage m : records) {
            String id = m.getMessageId() == null ? "" : m.getMessageId();
            int receiveCount = MessageProcessor.receiveCount(
                    m.getAttributes() == null ? null : m.getAttributes().get(RECEIVE_COUNT));
            if (processor.process(id, m.getBody(), receiveCount) != MessageProcessor.Outcome.ACKNOWLEDGED) {
                failures.add(SQSBatchResponse.BatchItemFailure.builder().withItemIdentifier(id).build());
            }
        }
        return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
    }

    @Override
    public String toString() {
        return "SesEventLambdaHandler[]";
    }

    /** Builds a {@link SesEventLambdaHandler}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder extends EventProcessorBuilder<Builder> {

        private Builder() {}

        /**
         * Validates and builds the handler.
         *
         * @return the handler
         * @throws TributaryValidationException when neither a policy nor a handler is set
         */
        public SesEventLambdaHandler build() {
            settings.validate("events are acknowledged unread");
            return new SesEventLambdaHandler(this);
        }
    }
}
