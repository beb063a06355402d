package dev.tributary.dynamo;

/**
 * Why DynamoDB or DynamoDB Streams refused what a capture, a backfill or {@link StreamTables} needed; the reason
 * of a {@link CaptureException}. Callers switch on it rather than parse messages.
 */
public enum CaptureFailure {
    /** The table does not exist (or not in this region and account): create it, or fix the name. */
    TABLE_NOT_FOUND,
    /** The table has no stream, or reports none: enable one with {@link StreamTables#ensureTable} or UpdateTable. */
    STREAM_NOT_ENABLED,
    /** The table did not become ACTIVE in time, or was busy with another update: retry once it is ACTIVE. */
    TABLE_NOT_READY
}
