package dev.tributary.opensearch;

import dev.tributary.opensearch.model.Hit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The index, documents and read-back shared by the zero-downtime reindex tests. */
final class ReindexFixture {
    private final OpenSearchConnection connection;
    private final String name;

    ReindexFixture(OpenSearchConnection connection, String name) {
        this.connection = connection;
        this.name = name;
    }

    /** Version 1 of the index, or version 2 with one more field (what the reindex moves to). */
    IndexSpec spec(int version) {
        IndexSpec.Builder b = IndexSpec.builder(name).shards(1, 0).text("name").keyword("brand").number("price");
        return version == 1 ? b.build() : b.text("description").build();
    }

    static Product product(String id, int n) {
        return new Product(id, "Wireless Mouse " + n, "model " + n, n % 2 == 0 ? "Contoso" : "Fabrikam", n % 1000);
    }

    /** Loads {@code count} documents through a bulk indexer; returns them as the source of truth. */
    Map<String, Product> load(int count) {
        Map<String, Product> truth = new ConcurrentHashMap<>();
        try (BulkIndexer<Product> bulk = BulkIndexer.<Product>builder(connection, name).build()) {
            for (int i = 0; i < count; i++) {
                Product p = product("p" + i, i);
                bulk.index(p.id(), p);
                truth.put(p.id(), p);
            }
        }
        return truth;
    }

    /** Returns what the index holds now, by id. */
    static Map<String, Product> indexed(SearchIndex<Product> index) {
        index.refresh();
        Map<String, Product> out = new HashMap<>();
        try (Stream<Hit<Product>> hits = index.stream(SearchQuery.all(), 5_000)) {
            hits.forEach(h -> out.put(h.id(), h.source()));
        }
        return out;
    }

    /** Drops the index and the connection. */
    void cleanUp() {
        SearchIndex.create(connection, spec(1), Product.class).drop();
        connection.close();
    }
}
