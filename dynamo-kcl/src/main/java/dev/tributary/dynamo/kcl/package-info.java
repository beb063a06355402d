/**
 * DynamoDB change capture scaled out across processes by the Kinesis Client Library 3.x:
 * {@link dev.tributary.dynamo.kcl.KclChangeCapture} runs the same {@link dev.tributary.core.ChangeHandler}s,
 * {@link dev.tributary.dynamo.FailurePolicy} and {@link dev.tributary.dynamo.StreamRecordMapper} as
 * {@link dev.tributary.dynamo.ChangeCapture}, while KCL owns leases, rebalancing and checkpoints.
 *
 * <p><b>Optional dependencies.</b> {@code tributary-dynamo} declares KCL and the DynamoDB Streams Kinesis adapter
 * as {@code <optional>} dependencies: classes of this package load only when the application adds
 * {@code software.amazon.kinesis:amazon-kinesis-client} (3.x) and
 * {@code com.amazonaws:dynamodb-streams-kinesis-adapter} (2.x) itself. The rest of the module never touches them.
 */
@NullMarked
package dev.tributary.dynamo.kcl;

import org.jspecify.annotations.NullMarked;
