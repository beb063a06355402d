package dev.tributary.dynamo;

import dev.tributary.dynamo.internal.SequenceNumbers;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link CheckpointStore} in memory: checkpoints are lost with the process, so a restart begins again at
 * the configured start position. For tests and for consumers that rebuild their state anyway. Thread-safe.
 */
public final class InMemoryCheckpointStore implements CheckpointStore {
    private final ConcurrentHashMap<String, String> checkpoints = new ConcurrentHashMap<>();
    private final Set<String> finished = ConcurrentHashMap.newKeySet();

    private InMemoryCheckpointStore() {}

    /** Returns an empty store. */
    public static InMemoryCheckpointStore create() {
        return new InMemoryCheckpointStore();
    }

    private static String key(String consumer, String streamArn, String shardId) {
        return consumer + '|' + streamArn + '|' + shardId;
    }

    @Override
    public Optional<String> read(String consumer, String streamArn, String shardId) {
        return Optional.ofNullable(checkpoints.get(key(consumer, streamArn, shardId)));
    }

    @Override
    public void advance(String consumer, String streamArn, String shardId, String sequenceNumber) {
        checkpoints.merge(key(consumer, streamArn, shardId), sequenceNumber,
                (old, fresh) -> SequenceNumbers.compare(fresh, old) > 0 ? fresh : old);
    }

    @Override
    public void markFinished(String consumer, String streamArn, String shardId) {
        finished.add(key(consumer, streamArn, shardId));
    }

    @Override
    public boolean isFinished(String consumer, String streamArn, String shardId) {
        return finished.contains(key(consumer, streamArn, shardId));
    }
}
