package dev.tributary.benchmarks;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a stream with bare GetRecords calls and no library: the "what the stream can give" side of the capture and
 * sync benchmarks.
 */
final class RawStream {
    private RawStream() {}

    /** Receives each non-empty page of records; may throw {@code E}. */
    @FunctionalInterface
    interface PageSink<E extends Exception> {
        void accept(List<Record> page) throws E;
    }

    /**
     * Reads every shard from TRIM_HORIZON, 1000 records a call, until the shard ends or, once {@code expected}
     * records were read, a call returns none (open shards never end).
     *
     * @return the records read
     * @throws E what the sink threw
     */
    static <E extends Exception> long read(DynamoDbStreamsClient streams, String arn, long expected, PageSink<E> sink)
            throws E {
        long count = 0;
        for (Shard shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
            String it = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (it != null) {
                String current = it;
                GetRecordsResponse r = streams.getRecords(b -> b.shardIterator(current).limit(1000));
                if (!r.records().isEmpty()) {
                    sink.accept(r.records());
                    count += r.records().size();
                } else if (count >= expected) {
                    break;
                }
                it = r.nextShardIterator();
            }
        }
        return count;
    }
}
