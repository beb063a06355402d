/**
 * DynamoDB change capture: {@link dev.tributary.dynamo.ChangeCapture} consumes a table's stream (shard
 * lineage, checkpoints, poison records, lag) and delivers core {@link dev.tributary.core.ChangeEvent}s to
 * {@link dev.tributary.core.ChangeHandler}s, at least once, in order per item.
 */
@NullMarked
package dev.tributary.dynamo;

import org.jspecify.annotations.NullMarked;
