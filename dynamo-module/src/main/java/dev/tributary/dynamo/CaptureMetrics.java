package dev.tributary.dynamo;

import java.time.Duration;

/**
 * A snapshot of a {@link ChangeCapture}'s counters.
 *
 * @param records records delivered and checkpointed
 * @param batches batches delivered
 * @param retries batch retries
 * @param deadLettered records sent to the dead-letter destination
 * @param gaps times records were lost to retention
 * @param activeShards shards being read now
 * @param finishedShards shards read to their end
 * @param stoppedShards shards stopped by a failure policy, holding their last checkpoint until a restart
 * @param lag the largest lag among active and stopped shards: since the newest acknowledged record, or since
 *     the oldest record still waiting when a shard is stuck, so it grows while a shard makes no progress
 * @param recordsPerSecond delivery rate over the capture's lifetime
 */
public record CaptureMetrics(long records, long batches, long retries, long deadLettered, long gaps, int activeShards,
        int finishedShards, int stoppedShards, Duration lag, double recordsPerSecond) {}
