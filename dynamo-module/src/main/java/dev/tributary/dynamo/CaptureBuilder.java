package dev.tributary.dynamo;

import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ClientSettings;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.dynamo.internal.CaptureConfig;
import dev.tributary.dynamo.internal.HandlerRegistration;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The setters both capture engines share, with one name and one meaning: {@link ChangeCapture.Builder} and
 * {@code KclChangeCapture.Builder} extend it and add only what is their own (a checkpoint store and polling for
 * the embedded engine; the application name, lease client and KCL timings for KCL). So switching engines is a
 * change of the builder's first line. Not thread-safe; not meant to be extended outside Tributary.
 *
 * @param <T> the item type
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class CaptureBuilder<T, B extends CaptureBuilder<T, B>> {
    private final StreamRecordMapper<T> mapper;
    private final List<HandlerRegistration<T>> handlers = new ArrayList<>();
    private @Nullable String streamArn;
    private @Nullable DynamoDbStreamsClient streams;
    private @Nullable ClientSettings clientSettings;
    private StartPosition startPosition = StartPosition.TRIM_HORIZON;
    private int batchSize = 1000;
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private CaptureListener listener = CaptureListener.NONE;
    private @Nullable DeadLetterDestination unmappable;
    private Clock clock = Clock.systemUTC();

    /**
     * For the engines' builders.
     *
     * @param mapper maps stream records to events
     */
    protected CaptureBuilder(StreamRecordMapper<T> mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /**
     * Reads this stream, such as {@code DescribeTable}'s {@code latestStreamArn}.
     *
     * @param streamArn the DynamoDB stream ARN
     * @return this builder
     */
    public B streamArn(String streamArn) {
        this.streamArn = streamArn;
        return self();
    }

    /**
     * Uses the user's Streams client (ListStreams, DescribeStream, GetShardIterator, GetRecords); never closed.
     * Exclusive with {@link #clientSettings} for this client.
     *
     * @param client the client
     * @return this builder
     */
    public B streamsClient(DynamoDbStreamsClient client) {
        this.streams = Objects.requireNonNull(client, "client");
        return self();
    }

    /**
     * Builds (and closes on {@code close()}) the clients not passed in from these settings, SDK retries off
     * unless the engine says otherwise. Default {@link ClientSettings#defaults()}.
     *
     * @param settings the settings
     * @return this builder
     */
    public B clientSettings(ClientSettings settings) {
        this.clientSettings = Objects.requireNonNull(settings, "settings");
        return self();
    }

    /**
     * Sets where shards without a checkpoint start; default TRIM_HORIZON.
     *
     * @param position the position
     * @return this builder
     */
    public B startPosition(StartPosition position) {
        this.startPosition = Objects.requireNonNull(position, "position");
        return self();
    }

    /**
     * Adds a handler with the default policy (3 attempts, then stop the shard).
     *
     * @param name the handler's name, for logs and dead letters
     * @param handler the handler
     * @return this builder
     */
    public B handler(String name, ChangeHandler<T> handler) {
        return handler(name, handler, FailurePolicy.stopShard());
    }

    /**
     * Adds a handler with its own failure policy; handlers see each batch in the order added.
     *
     * @param name the handler's name, for logs and dead letters
     * @param handler the handler
     * @param policy what happens when it refuses a batch
     * @return this builder
     */
    public B handler(String name, ChangeHandler<T> handler, FailurePolicy policy) {
        handlers.add(new HandlerRegistration<>(name, handler, policy));
        return self();
    }

    /**
     * Sets the records per GetRecords call and so per batch (1-1000); default 1000.
     *
     * @param batchSize the limit
     * @return this builder
     */
    public B batchSize(int batchSize) {
        this.batchSize = batchSize;
        return self();
    }

    /**
     * Sets how long {@code close()} lets in-flight batches drain; default 30 s.
     *
     * @param timeout the timeout, not negative
     * @return this builder
     */
    public B shutdownTimeout(Duration timeout) {
        this.shutdownTimeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    /**
     * Sets the listener; it is called through a guard, so an exception it throws is logged and ignored.
     *
     * @param listener the listener
     * @return this builder
     */
    public B listener(CaptureListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return self();
    }

    /**
     * Receives records whose images do not fit the schema; without it such a record stops its shard.
     *
     * @param destination the destination
     * @return this builder
     */
    public B unmappableRecords(DeadLetterDestination destination) {
        this.unmappable = Objects.requireNonNull(destination, "destination");
        return self();
    }

    /**
     * Sets the clock for every time the capture reads (lag, dead-letter times).
     *
     * @param clock the clock
     * @return this builder
     */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /**
     * Validates the shared settings and returns them; called first by the engines' {@code build()}.
     *
     * @return the shared settings
     * @throws TributaryValidationException naming the invalid setting
     */
    protected final CaptureConfig<T> common() {
        if (handlers.isEmpty()) {
            throw TributaryValidationException.of("handler", "at least one handler is required");
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw TributaryValidationException.of("batchSize", "must be 1-1000 (the GetRecords limit)");
        }
        if (shutdownTimeout.isNegative()) {
            throw TributaryValidationException.of("shutdownTimeout", "must not be negative");
        }
        return new CaptureConfig<>(mapper, List.copyOf(handlers), streamArn, streams,
                clientSettings != null ? clientSettings : ClientSettings.defaults(), startPosition, batchSize,
                shutdownTimeout, listener, unmappable, clock);
    }
}
