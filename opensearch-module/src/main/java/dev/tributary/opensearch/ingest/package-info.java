/**
 * Streaming ingestion into OpenSearch: CloudWatch Logs subscription payloads
 * ({@link dev.tributary.opensearch.ingest.CloudWatchLogsPayload},
 * {@link dev.tributary.opensearch.ingest.CloudWatchLogsIngester}), Kinesis Data Streams records
 * ({@link dev.tributary.opensearch.ingest.KinesisIngester}) and Lambda entry points over the optional
 * {@code aws-lambda-java-events} types ({@link dev.tributary.opensearch.ingest.CloudWatchLogsLambda},
 * {@link dev.tributary.opensearch.ingest.KinesisLambda}, {@link dev.tributary.opensearch.ingest.FirehoseTransform}).
 *
 * <p>Every document gets a stable id derived from its source (the CloudWatch Logs event id, or
 * {@code <shardId>-<sequenceNumber>}), so a redelivered batch overwrites what it wrote before instead of
 * duplicating it. Only the three Lambda classes need {@code com.amazonaws:aws-lambda-java-events} on the
 * class path.
 */
@NullMarked
package dev.tributary.opensearch.ingest;

import org.jspecify.annotations.NullMarked;
