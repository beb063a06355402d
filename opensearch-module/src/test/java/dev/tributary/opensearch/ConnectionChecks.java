package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/** Checks shared by the ITs that reach a node through TLS, basic auth or SigV4 signing. */
final class ConnectionChecks {
    private ConnectionChecks() {}

    /**
     * Creates an index, writes one document with a single call and the rest through a bulk indexer, reads them
     * back by count, search and get, and drops the index.
     *
     * @param documents how many documents in all; the bulk ones are long enough that a few hundred pass the 8 KiB
     *     compression threshold of a request
     */
    static void assertIndexBulkSearch(OpenSearchConnection connection, String indexName, int documents) {
        SearchIndex<Product> index = SearchIndex.create(connection,
                IndexSpec.builder(indexName).shards(1, 0).text("name").keyword("brand").build(), Product.class);
        index.ensureExists();
        try {
            index.put("1", new Product("1", "Wireless Mouse", "USB receiver", "Contoso", 24.9));
            List<CompletableFuture<?>> writes = new ArrayList<>();
            try (BulkIndexer<Product> bulk = BulkIndexer.<Product>builder(connection, index.name()).build()) {
                for (int i = 2; i <= documents; i++) {
                    writes.add(bulk.index(Integer.toString(i), new Product(Integer.toString(i),
                            "Braided cable number " + i, "two metres, USB-C to USB-C", "Fabrikam", i)));
                }
            }
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
            index.refresh();

            assertThat(index.count()).isEqualTo(documents);
            assertThat(index.search(SearchQuery.text("wireless")).ids()).containsExactly("1");
            assertThat(index.get("1")).isPresent();
        } finally {
            index.drop();
        }
    }

    /** Asserts that a call through the connection fails typed and not retryable because TLS refused the node. */
    static void assertRefusedByTls(OpenSearchConnection connection, String indexName) {
        SearchIndex<Product> index = SearchIndex.create(connection,
                IndexSpec.builder(indexName).keyword("brand").build(), Product.class);
        assertThatThrownBy(index::count)
                .isInstanceOfSatisfying(TributaryClientException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("refused the node's TLS certificate")
                .satisfies(e -> assertThat(causes(e)).anyMatch(SSLException.class::isInstance));
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }
}
