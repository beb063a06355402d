/**
 * Implementation of {@link dev.tributary.testkit.AwsShapedStreams}: virtual shards, sequence numbers, iterator
 * tokens and the reader of the real stream. Unsupported, may change in any release.
 */
@NullMarked
package dev.tributary.testkit.internal.streams;

import org.jspecify.annotations.NullMarked;
