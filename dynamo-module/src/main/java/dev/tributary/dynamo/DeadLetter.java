package dev.tributary.dynamo;

import dev.tributary.core.ChangeEvent;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * A record no handler could process, with everything needed to inspect and replay it: the raw stream
 * record (keys, images, sequence number), the typed event, which handler refused it, and the error.
 *
 * @param record the raw DynamoDB Streams record
 * @param event the event as the handler saw it (typed images)
 * @param streamArn the stream
 * @param shardId the shard
 * @param handler the refusing handler's name
 * @param errorType the exception class name
 * @param errorMessage the exception message (as thrown by the handler; it is the handler's duty not to put
 *     item values in it)
 * @param attempts how often it was tried
 * @param at when it was dead-lettered
 */
public record DeadLetter(Record record, ChangeEvent<?> event, String streamArn, String shardId, String handler,
        String errorType, String errorMessage, int attempts, Instant at) {

    @Override
    public String toString() {
        return "DeadLetter[shard=" + shardId + ", sequenceNumber=" + event.sequenceNumber() + ", handler=" + handler
                + ", errorType=" + errorType + "]";
    }
}
