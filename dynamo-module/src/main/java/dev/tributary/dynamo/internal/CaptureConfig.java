package dev.tributary.dynamo.internal;

import dev.tributary.core.ClientSettings;
import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.DeadLetterDestination;
import dev.tributary.dynamo.StartPosition;
import dev.tributary.dynamo.StreamRecordMapper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The validated settings both capture engines share, as {@link dev.tributary.dynamo.CaptureBuilder} collected
 * them. Internal.
 *
 * @param mapper maps stream records to events
 * @param handlers the handlers, in delivery order, at least one
 * @param streamArn the stream to read, or null when the engine finds it another way
 * @param streams the user's Streams client, or null to build one from {@code clientSettings}
 * @param clientSettings settings for the clients the engine builds (defaults when none were given)
 * @param startPosition where shards without a checkpoint start
 * @param batchSize records per GetRecords call, 1-1000
 * @param shutdownTimeout how long {@code close()} drains
 * @param listener the user's listener, not yet guarded
 * @param unmappable where unmappable records go, or null to stop their shard
 * @param clock every time the engine reads
 * @param <T> the item type
 */
public record CaptureConfig<T>(StreamRecordMapper<T> mapper, List<HandlerRegistration<T>> handlers,
        @Nullable String streamArn, @Nullable DynamoDbStreamsClient streams, ClientSettings clientSettings,
        StartPosition startPosition, int batchSize, Duration shutdownTimeout, CaptureListener listener,
        @Nullable DeadLetterDestination unmappable, Clock clock) {}
