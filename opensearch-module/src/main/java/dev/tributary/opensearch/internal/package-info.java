/** Implementation of the OpenSearch facade; unsupported, may change in any release. */
@NullMarked
package dev.tributary.opensearch.internal;

import org.jspecify.annotations.NullMarked;
