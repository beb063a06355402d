package dev.tributary.testkit;

import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.Stream;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsServiceClientConfiguration;

/**
 * Works around dynamodb-streams-kinesis-adapter 2.0.1 rejecting DynamoDB Local's stream ARNs: DynamoDB Local
 * names the region {@code ddblocal} in them, and the adapter's
 * {@code KinesisMapperUtil.createDynamoDBStreamsArnFromKinesisStreamName} throws
 * {@code IllegalArgumentException: Invalid DynamoDB stream ARN format: ddblocal$000000000000$<table>$<label>} for
 * any region outside {@code Region.regions()} (fixed in adapter 2.1.0). KCL is given the ARN with region
 * {@code us-east-1}; this client turns it back into {@code ddblocal} on the way to DynamoDB Local, and the
 * other way on the way back. Everything else passes through unchanged.
 *
 * <p>Thread-safe as the wrapped client is. {@link #close()} does not close the client it wraps: that belongs to
 * the test. Needs {@code software.amazon.awssdk:dynamodb} on the test class path (an optional dependency of the
 * test kit).
 *
 * <pre>{@code
 * KclChangeCapture.builder(schema)
 *         .streamArn(DdbLocalArnStreamsClient.toAws(localStreamArn))
 *         .streamsClient(DdbLocalArnStreamsClient.wrap(streams))
 *         ...
 * }</pre>
 */
public final class DdbLocalArnStreamsClient implements DynamoDbStreamsClient {
    private static final String LOCAL = ":ddblocal:";
    private static final String AWS = ":us-east-1:";

    private final DynamoDbStreamsClient delegate;

    private DdbLocalArnStreamsClient(DynamoDbStreamsClient delegate) {
        this.delegate = delegate;
    }

    /**
     * Returns a client that passes every call to {@code delegate}, with stream ARNs translated.
     *
     * @param delegate a Streams client pointed at DynamoDB Local; not closed by the returned client
     * @return the translating client
     */
    public static DdbLocalArnStreamsClient wrap(DynamoDbStreamsClient delegate) {
        return new DdbLocalArnStreamsClient(java.util.Objects.requireNonNull(delegate, "delegate"));
    }

    /**
     * Returns the ARN KCL can take for a DynamoDB Local stream ARN.
     *
     * @param localArn a stream ARN as DynamoDB Local returns it (region {@code ddblocal})
     * @return the same ARN with region {@code us-east-1}
     */
    public static String toAws(String localArn) {
        return localArn.replace(LOCAL, AWS);
    }

    private static String toLocal(String arn) {
        return arn.replace(AWS, LOCAL);
    }

    @Override
    public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
        DescribeStreamResponse r = delegate.describeStream(request.toBuilder().streamArn(toLocal(request.streamArn())).build());
        return r.toBuilder().streamDescription(r.streamDescription().toBuilder()
                .streamArn(toAws(r.streamDescription().streamArn())).build()).build();
    }

    @Override
    public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
        return delegate.getShardIterator(request.toBuilder().streamArn(toLocal(request.streamArn())).build());
    }

    @Override
    public GetRecordsResponse getRecords(GetRecordsRequest request) {
        return delegate.getRecords(request);
    }

    @Override
    public ListStreamsResponse listStreams(ListStreamsRequest request) {
        ListStreamsRequest.Builder b = request.toBuilder();
        if (request.exclusiveStartStreamArn() != null) {
            b.exclusiveStartStreamArn(toLocal(request.exclusiveStartStreamArn()));
        }
        ListStreamsResponse r = delegate.listStreams(b.build());
        List<Stream> streams = r.streams().stream().map(s -> s.toBuilder().streamArn(toAws(s.streamArn())).build())
                .collect(Collectors.toList());
        return r.toBuilder().streams(streams)
                .lastEvaluatedStreamArn(r.lastEvaluatedStreamArn() == null ? null : toAws(r.lastEvaluatedStreamArn()))
                .build();
    }

    @Override
    public DynamoDbStreamsServiceClientConfiguration serviceClientConfiguration() {
        return delegate.serviceClientConfiguration();
    }

    @Override
    public String serviceName() {
        return delegate.serviceName();
    }

    /** Does nothing: the wrapped client belongs to the test. */
    @Override
    public void close() {
        // The wrapped client belongs to the test.
    }
}
