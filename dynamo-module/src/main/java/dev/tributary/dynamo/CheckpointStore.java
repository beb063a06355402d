package dev.tributary.dynamo;

import java.util.Optional;

/**
 * Where a {@link ChangeCapture} remembers, per consumer, stream and shard, the last sequence number whose
 * batch every handler acknowledged, and which shards were read to their end. Implementations must be
 * thread-safe; {@link #advance} must never move a checkpoint backwards.
 */
public interface CheckpointStore {

    /**
     * Returns the last acknowledged sequence number of a shard.
     *
     * @param consumer the consumer name (several consumers may read one stream independently)
     * @param streamArn the stream
     * @param shardId the shard
     * @return the sequence number, or empty when the shard was never checkpointed
     */
    Optional<String> read(String consumer, String streamArn, String shardId);

    /**
     * Records that every record up to {@code sequenceNumber} was acknowledged; ignored if an equal or later
     * sequence number is already stored.
     *
     * @param consumer the consumer name
     * @param streamArn the stream
     * @param shardId the shard
     * @param sequenceNumber the last acknowledged sequence number
     */
    void advance(String consumer, String streamArn, String shardId, String sequenceNumber);

    /**
     * Records that a closed shard was read to its end, so its children may start.
     *
     * @param consumer the consumer name
     * @param streamArn the stream
     * @param shardId the shard
     */
    void markFinished(String consumer, String streamArn, String shardId);

    /**
     * Returns whether a shard was read to its end.
     *
     * @param consumer the consumer name
     * @param streamArn the stream
     * @param shardId the shard
     * @return true when finished
     */
    boolean isFinished(String consumer, String streamArn, String shardId);
}
