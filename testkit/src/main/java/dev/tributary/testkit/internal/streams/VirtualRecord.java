package dev.tributary.testkit.internal.streams;

import java.math.BigInteger;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * One real record as a virtual shard serves it.
 *
 * @param record the record with its virtual sequence number and a creation time at second precision
 * @param sequence the virtual sequence number
 * @param ordinal its 0-based position in the real stream, in the order the rig pulled it
 */
public record VirtualRecord(Record record, BigInteger sequence, long ordinal) {}
