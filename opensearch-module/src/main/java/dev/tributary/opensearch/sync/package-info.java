/**
 * Keeping an OpenSearch index in step with a change stream: {@link dev.tributary.opensearch.sync.ChangeEventIndexer}
 * is a core {@link dev.tributary.core.ChangeHandler} that writes every change with an external version, so
 * late or replayed changes can never overwrite newer ones.
 */
@NullMarked
package dev.tributary.opensearch.sync;

import org.jspecify.annotations.NullMarked;
