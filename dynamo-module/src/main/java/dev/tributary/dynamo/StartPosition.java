package dev.tributary.dynamo;

/** Where a shard without a checkpoint starts. Shards whose parent was read always start at their beginning. */
public enum StartPosition {
    /** The oldest record still in the stream (up to 24 hours back). */
    TRIM_HORIZON,
    /** Only records written after the capture started. */
    LATEST
}
