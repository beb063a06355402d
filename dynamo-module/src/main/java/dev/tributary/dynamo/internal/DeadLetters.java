package dev.tributary.dynamo.internal;

import dev.tributary.dynamo.DeadLetter;
import dev.tributary.dynamo.DeadLetterDestination;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a dead letter, retrying with backoff until it is stored or the capture stops: a poison record is never
 * dropped because its destination was briefly unavailable, and the shard waits (its lag grows) meanwhile.
 */
final class DeadLetters {
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);
    private static final Duration FIRST = Duration.ofMillis(200);
    private static final Duration MAX = Duration.ofSeconds(30);

    private DeadLetters() {}

    static void write(DeadLetterDestination destination, DeadLetter d, BooleanSupplier running) {
        for (int attempt = 1; ; attempt++) {
            try {
                destination.accept(d);
                return;
            } catch (RuntimeException e) {
                if (!running.getAsBoolean()) {
                    throw new Delivery.Interrupted("The capture stopped while a dead letter of shard " + d.shardId()
                            + " could not be written; the batch is delivered again after a restart");
                }
                if (attempt == 1 || attempt % 10 == 0) {
                    LOG.warn("Writing a dead letter failed; retrying until it is stored [shard={}, sequenceNumber={},"
                            + " handler={}, attempt={}]", d.shardId(), d.event().sequenceNumber(), d.handler(), attempt, e);
                }
                Backoff.sleep(Backoff.jittered(attempt, FIRST, MAX), running);
            }
        }
    }
}
