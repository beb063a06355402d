package dev.tributary.testkit;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.tributary.testkit.internal.streams.IteratorToken;
import dev.tributary.testkit.internal.streams.LambdaEvents;
import dev.tributary.testkit.internal.streams.RigCounters;
import dev.tributary.testkit.internal.streams.RigSettings;
import dev.tributary.testkit.internal.streams.SequenceNumbers;
import dev.tributary.testkit.internal.streams.ShardPages;
import dev.tributary.testkit.internal.streams.StreamErrors;
import dev.tributary.testkit.internal.streams.VirtualStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsServiceClientConfiguration;

/**
 * A {@link DynamoDbStreamsClient} that shows a DynamoDB Local stream the way AWS serves streams, so stream
 * consumers are tested against AWS's shape rather than DynamoDB Local's.
 *
 * <p>DynamoDB Local serves one shard per table whose sequence numbers count up by one from
 * {@code 000000000000000000001}, never rolls shards over or splits them, and never throttles. This client wraps
 * a real client pointed at DynamoDB Local and, deterministically for a {@linkplain Builder#seed(long) seed},
 * presents:
 * <ul>
 *   <li><b>Virtual shards.</b> Records are pulled lazily from the real stream, in stream order, and routed by a
 *       stable MD5 hash of their {@code Keys} (names and values) to the open shard covering that hash. Shards
 *       roll over (the shard closes with an {@code EndingSequenceNumber}, one child with {@code ParentShardId}
 *       takes over) and split (two children halve the parent's hash range), after every N records pulled
 *       ({@link Builder#rolloverEvery}, {@link Builder#splitEvery}) or on demand ({@link #rollover()},
 *       {@link #split()}). Every record of a key stays in one lineage, so reading parents before children keeps
 *       per-key order.</li>
 *   <li><b>Sequence numbers</b> of 21 to 40 digits, strictly increasing within a shard with irregular gaps.
 *       Each shard draws its own base, so a child's numbers may be lower or shorter than its parent's: code that
 *       compares sequence numbers across shards, or as strings, fails here as it would on AWS. A closed shard's
 *       {@code EndingSequenceNumber} lies above its last record's number.</li>
 *   <li><b>Faults.</b> GetRecords throws {@code LimitExceededException} and {@code ExpiredIteratorException} at
 *       the configured rates; iterators really expire after {@link Builder#iteratorLifetime} (15 minutes);
 *       {@link #trimBefore(long)} and {@link #trimAll()} put records past the retention, so positions before
 *       them throw {@code TrimmedDataAccessException}, TRIM_HORIZON starts after them, and closed shards
 *       holding only trimmed records leave DescribeStream (GetShardIterator on them throws
 *       {@code ResourceNotFoundException}). Exceptions are the SDK's own types with status 400 and AWS's error
 *       codes.</li>
 *   <li><b>Second-precision</b> {@code ApproximateCreationDateTime}. Everything else in a record (eventID,
 *       eventName, Keys, images, SizeBytes, StreamViewType, userIdentity) passes through.</li>
 * </ul>
 *
 * <p>Supported operations: DescribeStream (pagination with {@code Limit}, {@code ExclusiveStartShardId} and
 * {@code LastEvaluatedShardId}; {@code ShardFilter} of type {@code CHILD_SHARDS}), GetShardIterator
 * (TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER), GetRecords ({@code Limit} up to 1000;
 * {@code NextShardIterator} is null once a closed shard is read to its end, while an open shard at its end
 * returns no records and a next iterator) and ListStreams, which passes through. Other operations throw
 * {@link UnsupportedOperationException}. {@link #lambdaEvents} shapes the same records as Lambda's
 * {@link DynamodbEvent}s.
 *
 * <p><b>Threading and lifecycle.</b> Thread-safe: shard readers may call it concurrently. Each stream's view is
 * guarded by one lock, held also while records are pulled from the delegate. Injected faults are drawn from one
 * seeded source in call order, so they repeat exactly only for a single-threaded caller; topology and sequence
 * numbers depend only on the seed and the real stream. Every record pulled is kept in memory, which suits
 * tests, not long soaks. {@link #close()} does not close the delegate: the caller built it and closes it.
 *
 * <p>Needs {@code software.amazon.awssdk:dynamodb} on the classpath, and {@code com.amazonaws:aws-lambda-java-events}
 * for {@link #lambdaEvents} only; the test kit declares both optional.
 *
 * <pre>{@code
 * try (DynamoDbStreamsClient local = DynamoDbStreamsClient.builder().endpointOverride(dynamo.endpoint())...build();
 *      AwsShapedStreams streams = AwsShapedStreams.builder()
 *              .delegate(local)
 *              .seed(42)
 *              .rolloverEvery(500)
 *              .splitEvery(2000)
 *              .throttleRate(0.05)
 *              .build()) {
 *     // hand `streams` to the consumer under test instead of `local`, then assert on what it delivered and on
 *     // streams.throttles(), streams.splits(), ...
 * }
 * }</pre>
 */
public final class AwsShapedStreams implements DynamoDbStreamsClient {
    private static final int MAX_GET_RECORDS_LIMIT = 1000;
    private static final int MAX_LAMBDA_BATCH = 10_000;

    private final DynamoDbStreamsClient delegate;
    private final RigSettings settings;
    private final double throttleRate;
    private final double expiredIteratorRate;
    private final Duration iteratorLifetime;
    private final int pageSize;
    private final Clock clock;
    private final Random faults;
    private final RigCounters counters = new RigCounters();
    private final Map<String, VirtualStream> streams = new ConcurrentHashMap<>();

    private AwsShapedStreams(Builder b) {
        this.delegate = Objects.requireNonNull(b.delegate);
        this.settings = new RigSettings(b.seed, b.minDigits, b.maxDigits, b.rolloverEvery, b.splitEvery);
        this.throttleRate = b.throttleRate;
        this.expiredIteratorRate = b.expiredIteratorRate;
        this.iteratorLifetime = b.iteratorLifetime;
        this.pageSize = b.pageSize;
        this.clock = b.clock;
        // Its own source, so faults drawn by concurrent readers never disturb topology or sequence numbers.
        this.faults = new Random(b.seed ^ 0x9E3779B97F4A7C15L);
    }

    /**
     * Returns a builder; {@link Builder#delegate} is required.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Describes the virtual shards of a stream; the stream's other fields come from the delegate. Shards are
     * listed parents before children (their ids sort the same way); a page holds at most {@code Limit} shards
     * (default and cap {@link Builder#pageSize}) after {@code ExclusiveStartShardId}, and
     * {@code LastEvaluatedShardId} is set when more follow. A {@code CHILD_SHARDS} filter lists the children of
     * its shard only.
     *
     * @param request the request; {@code StreamArn} is required
     * @return the description
     * @throws software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException when the delegate does not
     *     know the stream
     * @throws software.amazon.awssdk.services.dynamodb.model.DynamoDbException with error code
     *     {@code ValidationException} for a bad limit or filter
     */
    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        String arn = required(request.streamArn(), "StreamArn");
        VirtualStream stream = stream(arn);
        StreamDescription real = delegate.describeStream(b -> b.streamArn(arn).limit(1)).streamDescription();
        ShardPages.Page page = ShardPages.page(stream.shards(), request, pageSize);
        return DescribeStreamResponse.builder()
                .streamDescription(real.toBuilder().shards(page.shards()).lastEvaluatedShardId(page.lastEvaluated()).build())
                .build();
    }

    /**
     * Returns an iterator into a virtual shard. LATEST first pulls everything the real stream has, so it starts
     * after every record written before the call.
     *
     * @param request stream, shard, type, and a sequence number for the AT_/AFTER_ types
     * @return an opaque iterator carrying stream, shard, position and issue time
     * @throws software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException for an unknown shard or
     *     one past retention
     * @throws software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException for a sequence number
     *     past the trim horizon
     * @throws software.amazon.awssdk.services.dynamodb.model.DynamoDbException with error code
     *     {@code ValidationException} for a missing field, or a sequence number outside the shard's range
     */
    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        String arn = required(request.streamArn(), "StreamArn");
        String shardId = required(request.shardId(), "ShardId");
        int position = stream(arn).position(shardId, request.shardIteratorType(), request.sequenceNumber());
        return GetShardIteratorResponse.builder()
                .shardIterator(new IteratorToken(arn, shardId, position, clock.millis()).encode())
                .build();
    }

    /**
     * Returns the records at an iterator, pulling from the real stream when the iterator is at the end of an
     * open shard. May throw an injected fault instead, with the configured probabilities.
     *
     * @param request the iterator and an optional {@code Limit} of 1 to 1000 (default 1000)
     * @return the records and the next iterator, null once a closed shard was read to its end
     * @throws software.amazon.awssdk.services.dynamodb.model.LimitExceededException injected throttling
     * @throws software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException injected, or the iterator is
     *     older than the iterator lifetime
     * @throws software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException the iterator points before
     *     the trim horizon
     * @throws software.amazon.awssdk.services.dynamodb.model.DynamoDbException with error code
     *     {@code ValidationException} for an iterator this client did not issue or a bad limit
     */
    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        IteratorToken token = IteratorToken.decode(request.shardIterator());
        VirtualStream stream = token == null ? null : streams.get(token.streamArn());
        if (token == null || stream == null) {
            throw StreamErrors.validation("Invalid ShardIterator");
        }
        int limit = request.limit() == null ? MAX_GET_RECORDS_LIMIT : request.limit();
        if (limit < 1 || limit > MAX_GET_RECORDS_LIMIT) {
            throw StreamErrors.validation("Limit must be between 1 and 1000, was " + limit);
        }
        long now = clock.millis();
        if (now - token.issuedAtMillis() > iteratorLifetime.toMillis()) {
            counters.expiredIterators.incrementAndGet();
            throw StreamErrors.expiredIterator("Iterator expired. The iterator was created at time "
                    + token.issuedAtMillis() + " while right now it is " + now + " which is further in the future"
                    + " than the tolerated delay of " + iteratorLifetime.toMillis() + " milliseconds.");
        }
        injectFault(token.shardId());
        VirtualStream.Page page = stream.read(token.shardId(), token.position(), limit);
        String next = page.shardEnded() ? null
                : new IteratorToken(token.streamArn(), token.shardId(), page.next(), clock.millis()).encode();
        return GetRecordsResponse.builder().records(page.records()).nextShardIterator(next).build();
    }

    /**
     * Lists streams; passes through to the delegate unchanged.
     *
     * @param request the request
     * @return the delegate's answer
     */
    @Override
    public ListStreamsResponse listStreams(ListStreamsRequest request) {
        return delegate.listStreams(request);
    }

    /** Returns {@value DynamoDbStreamsClient#SERVICE_NAME}, as the real client does. */
    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    /** Returns the delegate's configuration. */
    @Override
    public DynamoDbStreamsServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    /** Does nothing: the delegate belongs to the caller, who closes it; the views are plain memory. */
    @Override
    public void close() {
        // Nothing of ours holds a resource.
    }

    /**
     * Rolls over every stream this client has seen: every open shard closes and gets one child with the same hash
     * range. Records pulled after the call go to the children. Streams first seen later are not affected.
     */
    public void rollover() {
        streams.values().forEach(VirtualStream::rollover);
    }

    /**
     * Splits every stream this client has seen: every open shard closes and gets two children that halve its hash
     * range. Records pulled after the call go to the children. Streams first seen later are not affected.
     */
    public void split() {
        streams.values().forEach(VirtualStream::split);
    }

    /**
     * Puts the first {@code records} records pulled from each stream past the retention, as if they were older
     * than 24 hours. Records are counted in the order they were pulled from the real stream; a count above what
     * was pulled trims everything pulled so far. Trimming only moves forward.
     *
     * @param records how many records from the start of each stream
     * @return how many records this call trimmed, over all streams
     * @throws IllegalArgumentException when {@code records} is negative
     */
    public long trimBefore(long records) {
        if (records < 0) {
            throw new IllegalArgumentException("records must not be negative, was " + records);
        }
        return streams.values().stream().mapToLong(s -> s.trimBefore(records)).sum();
    }

    /**
     * Pulls everything the real streams have, then trims all of it: everything written before this call becomes
     * unreachable, and readers at TRIM_HORIZON see only what is written afterwards.
     *
     * @return how many records this call trimmed, over all streams
     */
    public long trimAll() {
        return streams.values().stream().mapToLong(s -> {
            s.drain();
            return s.trimBefore(Long.MAX_VALUE);
        }).sum();
    }

    /**
     * Returns what this client serves of a stream as Lambda's event source mapping would deliver it: after pulling
     * everything the real stream has, each virtual shard's records still in retention, parents before children,
     * in events of at most {@code batchSize} records that never mix shards. Records carry {@code eventSourceARN},
     * {@code awsRegion} (from the record, else the ARN), {@code eventSource}, {@code eventVersion}, and under
     * {@code dynamodb} the second-precision {@code ApproximateCreationDateTime}, virtual {@code SequenceNumber},
     * {@code SizeBytes}, {@code StreamViewType}, {@code Keys}, {@code NewImage} and {@code OldImage}. Each call
     * starts from the oldest record in retention; it neither counts as served nor injects faults. Needs
     * {@code com.amazonaws:aws-lambda-java-events} on the classpath.
     *
     * @param streamArn the stream
     * @param batchSize the most records per event, 1 to 10000 (Lambda's limit for streams)
     * @return the events in delivery order
     * @throws IllegalArgumentException when {@code batchSize} is out of range
     * @throws software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException when the delegate does not
     *     know the stream
     */
    public List<DynamodbEvent> lambdaEvents(String streamArn, int batchSize) {
        if (batchSize < 1 || batchSize > MAX_LAMBDA_BATCH) {
            throw new IllegalArgumentException("batchSize must be between 1 and 10000, was " + batchSize);
        }
        return LambdaEvents.of(stream(Objects.requireNonNull(streamArn, "streamArn")).batches(batchSize), streamArn);
    }

    /** Returns how many {@code LimitExceededException}s GetRecords threw. */
    public long throttles() {
        return counters.throttles.get();
    }

    /** Returns how many {@code ExpiredIteratorException}s GetRecords threw, injected or for real expiry. */
    public long expiredIterators() {
        return counters.expiredIterators.get();
    }

    /** Returns how many {@code TrimmedDataAccessException}s GetShardIterator and GetRecords threw. */
    public long trimmedErrors() {
        return counters.trimmedErrors.get();
    }

    /** Returns how many rollovers happened, automatic or on demand, each counted once per stream. */
    public long rollovers() {
        return counters.rollovers.get();
    }

    /** Returns how many splits happened, automatic or on demand, each counted once per stream. */
    public long splits() {
        return counters.splits.get();
    }

    /** Returns how many virtual shards exist, open or closed, including those past retention, over all streams. */
    public long shardCount() {
        return counters.shards.get();
    }

    /** Returns how many records GetRecords returned, re-reads included. */
    public long recordsServed() {
        return counters.served.get();
    }

    /** Returns how many records were pulled from the real streams so far. */
    public long recordsPulled() {
        return counters.pulled.get();
    }

    private VirtualStream stream(String arn) {
        return streams.computeIfAbsent(arn, a -> {
            // Fails with the delegate's ResourceNotFoundException for a stream that does not exist.
            delegate.describeStream(b -> b.streamArn(a).limit(1));
            return new VirtualStream(a, delegate, settings, counters);
        });
    }

    private void injectFault(String shardId) {
        double roll;
        synchronized (faults) {
            roll = faults.nextDouble();
        }
        if (roll < throttleRate) {
            counters.throttles.incrementAndGet();
            throw StreamErrors.limitExceeded("Rate exceeded for shard " + shardId);
        }
        if (roll < throttleRate + expiredIteratorRate) {
            counters.expiredIterators.incrementAndGet();
            throw StreamErrors.expiredIterator("Iterator expired (injected) for shard " + shardId);
        }
    }

    private static String required(@Nullable String value, String field) {
        if (value == null || value.isBlank()) {
            throw StreamErrors.validation(field + " is required");
        }
        return value;
    }

    @Override
    public String toString() {
        return "AwsShapedStreams[seed=" + settings.seed() + ", streams=" + streams.size() + "]";
    }

    /** Builds an {@link AwsShapedStreams}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private @Nullable DynamoDbStreamsClient delegate;
        private long seed;
        private int minDigits = SequenceNumbers.AWS_MIN_DIGITS;
        private int maxDigits = SequenceNumbers.AWS_MAX_DIGITS;
        private int rolloverEvery;
        private int splitEvery;
        private double throttleRate;
        private double expiredIteratorRate;
        private Duration iteratorLifetime = Duration.ofMinutes(15);
        private int pageSize = ShardPages.MAX_LIMIT;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Sets the real client, pointed at DynamoDB Local; required. It is not closed by the built client.
         *
         * @param delegate the real client
         * @return this builder
         */
        public Builder delegate(DynamoDbStreamsClient delegate) {
            this.delegate = Objects.requireNonNull(delegate, "delegate");
            return this;
        }

        /**
         * Sets the seed of shard ids, sequence numbers and injected faults; default 0.
         *
         * @param seed any value
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Sets how many digits sequence numbers have, each shard drawing its length in {@code [min, max]};
         * default 21 to 40, AWS's range.
         *
         * @param min the fewest digits, at least 21
         * @param max the most digits, at most 40
         * @return this builder
         */
        public Builder sequenceDigits(int min, int max) {
            this.minDigits = min;
            this.maxDigits = max;
            return this;
        }

        /**
         * Rolls every open shard over after every {@code records} records pulled from the real stream; default 0,
         * never. When a split is due at the same record, the split happens instead.
         *
         * @param records 0 or more
         * @return this builder
         */
        public Builder rolloverEvery(int records) {
            this.rolloverEvery = records;
            return this;
        }

        /**
         * Splits every open shard after every {@code records} records pulled from the real stream; default 0,
         * never. Each split doubles the open shards.
         *
         * @param records 0 or more
         * @return this builder
         */
        public Builder splitEvery(int records) {
            this.splitEvery = records;
            return this;
        }

        /**
         * Sets the probability that a GetRecords call throws {@code LimitExceededException}; default 0.
         *
         * @param rate in {@code [0, 1)}
         * @return this builder
         */
        public Builder throttleRate(double rate) {
            this.throttleRate = rate;
            return this;
        }

        /**
         * Sets the probability that a GetRecords call throws {@code ExpiredIteratorException} for an iterator
         * still within its lifetime; default 0. Drawn with the throttle from one roll, so each rate holds per call.
         *
         * @param rate in {@code [0, 1)}; with {@link #throttleRate} below 1 in total
         * @return this builder
         */
        public Builder expiredIteratorRate(double rate) {
            this.expiredIteratorRate = rate;
            return this;
        }

        /**
         * Sets how long an iterator may be used after it was issued; default 15 minutes, AWS's value.
         *
         * @param lifetime positive
         * @return this builder
         */
        public Builder iteratorLifetime(Duration lifetime) {
            this.iteratorLifetime = Objects.requireNonNull(lifetime, "iteratorLifetime");
            return this;
        }

        /**
         * Sets the most shards one DescribeStream page lists; default 100, AWS's maximum.
         *
         * @param shards 1 to 100
         * @return this builder
         */
        public Builder pageSize(int shards) {
            this.pageSize = shards;
            return this;
        }

        /**
         * Sets the clock that iterator issue times and expiry are measured with; default the system clock. A test
         * can pass an adjustable clock to expire iterators without waiting.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Validates and builds the client.
         *
         * @return the client
         * @throws IllegalArgumentException naming the first field out of range, or a missing delegate
         */
        public AwsShapedStreams build() {
            require(delegate != null, "delegate is required: the real DynamoDbStreamsClient pointed at DynamoDB Local");
            require(minDigits >= SequenceNumbers.AWS_MIN_DIGITS && minDigits <= maxDigits
                            && maxDigits <= SequenceNumbers.AWS_MAX_DIGITS,
                    "sequenceDigits must satisfy 21 <= min <= max <= 40, was " + minDigits + ".." + maxDigits);
            require(rolloverEvery >= 0, "rolloverEvery must be 0 (never) or positive, was " + rolloverEvery);
            require(splitEvery >= 0, "splitEvery must be 0 (never) or positive, was " + splitEvery);
            require(throttleRate >= 0 && throttleRate < 1, "throttleRate must be in [0, 1), was " + throttleRate);
            require(expiredIteratorRate >= 0 && expiredIteratorRate < 1,
                    "expiredIteratorRate must be in [0, 1), was " + expiredIteratorRate);
            require(throttleRate + expiredIteratorRate < 1,
                    "throttleRate + expiredIteratorRate must be below 1, or no GetRecords call could succeed");
            require(!iteratorLifetime.isNegative() && !iteratorLifetime.isZero(),
                    "iteratorLifetime must be positive, was " + iteratorLifetime);
            require(pageSize >= 1 && pageSize <= ShardPages.MAX_LIMIT, "pageSize must be 1 to 100, was " + pageSize);
            return new AwsShapedStreams(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
