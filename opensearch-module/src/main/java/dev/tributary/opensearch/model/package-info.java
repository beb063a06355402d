/** Immutable value types of the OpenSearch facade: queries, hits, pages, write results. */
@NullMarked
package dev.tributary.opensearch.model;

import org.jspecify.annotations.NullMarked;
