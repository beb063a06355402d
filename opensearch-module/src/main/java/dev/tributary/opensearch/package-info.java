/**
 * OpenSearch facade: {@link dev.tributary.opensearch.OpenSearchConnection} (URL/basic auth/TLS or SigV4 for
 * Amazon OpenSearch Service and Serverless), {@link dev.tributary.opensearch.SearchIndex} (typed documents,
 * partial-match search, aliases and reindexing) and {@link dev.tributary.opensearch.BulkIndexer}.
 */
@NullMarked
package dev.tributary.opensearch;

import org.jspecify.annotations.NullMarked;
