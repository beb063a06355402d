package dev.tributary.opensearch.ingest;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One Kinesis Data Streams record, independent of where it was read (Lambda event, KCL, GetRecords).
 * {@link #toString()} never shows the data.
 *
 * <pre>{@code
 * KinesisRecord r = KinesisRecord.of("shardId-000000000000", "49545115243490985018280067714973144582180062593244200961",
 *         "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8));
 * r.defaultId();   // shardId-000000000000-49545115243490985018280067714973144582180062593244200961
 * }</pre>
 *
 * @param shardId the shard, such as {@code shardId-000000000000}
 * @param sequenceNumber the record's sequence number within the shard
 * @param data the record payload (not copied: do not change it afterwards)
 * @param partitionKey the partition key, or null
 * @param approximateArrivalTime when Kinesis received the record, or null
 */
public record KinesisRecord(String shardId, String sequenceNumber, byte[] data, @Nullable String partitionKey,
        @Nullable Instant approximateArrivalTime) {

    /** Checks that shard, sequence number and data are present. */
    public KinesisRecord {
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(data, "data");
    }

    /**
     * Creates a record without partition key and arrival time.
     *
     * @param shardId the shard
     * @param sequenceNumber the sequence number
     * @param data the payload
     * @return the record
     */
    public static KinesisRecord of(String shardId, String sequenceNumber, byte[] data) {
        return new KinesisRecord(shardId, sequenceNumber, data, null, null);
    }

    /** Returns {@code <shardId>-<sequenceNumber>}: unique per stream and the same on every redelivery. */
    public String defaultId() {
        return shardId + "-" + sequenceNumber;
    }

    @Override
    public String toString() {
        return "KinesisRecord[shardId=" + shardId + ", sequenceNumber=" + sequenceNumber + ", bytes=" + data.length + "]";
    }
}
