package dev.tributary.dynamo;

import dev.tributary.core.support.Listeners;
import java.time.Duration;

/**
 * Observes a {@link ChangeCapture}, for metrics and alerts. Methods have no-op defaults, run on the shard's
 * worker thread and must be fast; an exception thrown here is logged at WARN and ignored.
 */
public interface CaptureListener {
    /** A listener that does nothing. */
    CaptureListener NONE = new CaptureListener() {};

    /**
     * Returns a listener that calls {@code first}, then {@code second}; {@code second} is called even when
     * {@code first} throws (that exception is then passed on, to be logged by the capture).
     *
     * @param first called first, such as a metrics listener
     * @param second called next, such as the application's own listener
     * @return the combined listener
     */
    static CaptureListener both(CaptureListener first, CaptureListener second) {
        return Listeners.both(CaptureListener.class, first, second);
    }

    /**
     * A batch was acknowledged by every handler and checkpointed.
     *
     * @param shardId the shard
     * @param records records in the batch
     * @param lag now minus the approximate creation time of the batch's last record
     */
    default void onBatch(String shardId, int records, Duration lag) {}

    /**
     * A handler refused a batch and it will be tried again.
     *
     * @param shardId the shard
     * @param handler the handler's name
     * @param attempt the attempt that failed
     */
    default void onRetry(String shardId, String handler, int attempt) {}

    /**
     * A poison record was sent to the dead-letter destination.
     *
     * @param deadLetter the record and its context
     */
    default void onDeadLetter(DeadLetter deadLetter) {}

    /**
     * Records were lost: the stream trimmed them (24-hour retention) before they were read.
     *
     * @param shardId the shard
     * @param detail what happened
     */
    default void onGap(String shardId, String detail) {}

    /**
     * A shard started being read.
     *
     * @param shardId the shard
     */
    default void onShardStarted(String shardId) {}

    /**
     * A shard was read to its end (or stopped by the failure policy).
     *
     * @param shardId the shard
     * @param stopped true when stopped by the failure policy rather than finished
     */
    default void onShardEnded(String shardId, boolean stopped) {}
}
