package dev.tributary.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.opensearch.BulkIndexer;
import dev.tributary.opensearch.IndexSpec;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.testkit.LocalOpenSearch;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.opensearch.client.opensearch._helpers.bulk.BulkIngester;

/**
 * Docs/s into one OpenSearch node, same generated documents, one run: {@link BulkIndexer} (defaults),
 * opensearch-java's {@code BulkIngester} with its defaults and tuned to the same 4 requests in flight, pre-serialised
 * {@code _bulk} bodies posted on N parallel connections (the server-bound limit), and one request per doc.
 * Each run writes a fresh 1-shard, 0-replica index and counts the documents afterwards.
 */
final class BulkBenchmark {
    static final String VS_INGESTER = "bulkindexer-vs-bulkingester-default";
    static final String VS_SERVER_LIMIT = "bulkindexer-vs-server-limit";
    static final String VS_TUNED = "bulkindexer-vs-bulkingester-tuned";

    /** A generated document. */
    record Doc(String id, String name, String description, String brand, double price, int stock) {}

    /** Creates, counts and drops the indices (untimed): one plain connection, whatever the contender uses. */
    private static OpenSearchConnection admin;

    private BulkBenchmark() {}

    static double run(String name, String[] args) {
        int docs = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        List<Doc> data = generate(docs);
        try (LocalOpenSearch node = LocalOpenSearch.start();
                OpenSearchConnection gzip = OpenSearchConnection.builder().url(node.url()).build();
                OpenSearchConnection plain = OpenSearchConnection.builder().url(node.url()).compression(false).build()) {
            admin = plain;
            // Every contender is warmed up (JIT, connections, node caches) before anything is timed; then
            // alternating rounds, so that machine noise and node warm-up hit every contender alike.
            int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
            // A full-size warm-up run each: with 20,000 documents the first timed round still ran cold.
            List<Doc> warm = data;
            if (VS_INGESTER.equals(name) || VS_TUNED.equals(name)) {
                bulkIndexer(gzip, warm, "warm-a");
                ingester(gzip, warm, "warm-b", 1);
                ingester(gzip, warm, "warm-c", 4);
                double[] indexer = new double[rounds];
                double[] ingester = new double[rounds];
                double[] tuned = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    indexer[r] = report("BulkIndexer (defaults, gzip)", bulkIndexer(gzip, data, "a"), data.size());
                    if (VS_INGESTER.equals(name)) {
                        ingester[r] = report("BulkIngester (defaults, gzip)", ingester(gzip, data, "b", 1), data.size());
                    }
                    tuned[r] = report("BulkIngester (4 in flight, gzip)", ingester(gzip, data, "c", 4), data.size());
                }
                if (VS_TUNED.equals(name)) {
                    System.out.printf("median docs/s: BulkIndexer %.0f, BulkIngester tuned (4 in flight) %.0f"
                            + " (%d rounds, %d docs)%n", Harness.median(indexer), Harness.median(tuned), rounds, docs);
                    return Harness.median(indexer) / Harness.median(tuned);
                }
                System.out.printf("median docs/s: BulkIndexer %.0f, BulkIngester defaults %.0f, BulkIngester tuned %.0f"
                        + " (%d rounds, %d docs)%n", Harness.median(indexer), Harness.median(ingester),
                        Harness.median(tuned), rounds, docs);
                return Harness.median(indexer) / Harness.median(ingester);
            }
            bulkIndexer(plain, warm, "warm-a");
            rawParallel(node.url(), warm, "warm-b", 4);
            double[] indexer = new double[rounds];
            double[] limit = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                indexer[r] = report("BulkIndexer (defaults, no gzip)", bulkIndexer(plain, data, "a"), data.size());
                limit[r] = report("raw _bulk bodies, 4 connections", rawParallel(node.url(), data, "b", 4), data.size());
            }
            List<Doc> sample = data.subList(0, Math.min(5_000, data.size()));
            double single = report("one request per doc (first 5,000 docs)", onePerDoc(plain, sample, "c"), sample.size());
            System.out.printf("median docs/s: BulkIndexer %.0f, raw parallel bodies %.0f, one per doc %.0f"
                    + " (%d rounds, %d docs)%n", Harness.median(indexer), Harness.median(limit), single, rounds, docs);
            return Harness.median(indexer) / Harness.median(limit);
        }
    }

    private static List<Doc> generate(int n) {
        String[] words = {"Wireless", "Mouse", "Keyboard", "Cable", "USB", "Headphones", "Charger", "Monitor", "Stand"};
        List<Doc> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Doc("d" + i, words[i % 9] + " " + words[(i / 9) % 9] + " " + i,
                    "Generated product number " + i + " for the bulk benchmark", "brand-" + (i % 50), i % 1000 / 10.0, i % 77));
        }
        return out;
    }

    private static SearchIndex<Doc> freshIndex(OpenSearchConnection c, String suffix) {
        SearchIndex<Doc> idx = SearchIndex.create(admin, IndexSpec.builder("bench-" + suffix + "-" + System.nanoTime())
                .shards(1, 0).text("name").text("description").keyword("brand").number("price").integer("stock")
                .build(), Doc.class);
        idx.ensureExists();
        return idx;
    }

    private static long[] bulkIndexer(OpenSearchConnection c, List<Doc> data, String suffix) {
        SearchIndex<Doc> idx = freshIndex(c, suffix);
        long t0 = System.nanoTime();
        try (BulkIndexer<Doc> bulk = BulkIndexer.<Doc>builder(c, idx.name()).build()) {
            for (Doc d : data) {
                bulk.index(d.id(), d);
            }
        }
        long nanos = System.nanoTime() - t0;
        return finish(idx, nanos);
    }

    private static long[] ingester(OpenSearchConnection c, List<Doc> data, String suffix, int inFlight) {
        SearchIndex<Doc> idx = freshIndex(c, suffix);
        long t0 = System.nanoTime();
        BulkIngester<Void> ingester = inFlight == 1
                ? BulkIngester.of(b -> b.client(c.client()))
                : BulkIngester.of(b -> b.client(c.client()).maxConcurrentRequests(inFlight));
        try {
            for (Doc d : data) {
                ingester.add(op -> op.index(i -> i.index(idx.name()).id(d.id()).document(d)));
            }
        } finally {
            ingester.close();
        }
        return finish(idx, System.nanoTime() - t0);
    }

    private static long[] rawParallel(URI url, List<Doc> data, String suffix, int connections) {
        ObjectMapper json = new ObjectMapper();
        String index = freshIndex(admin, suffix).name();
        // Bodies are serialised before the clock starts: this measures what the server can take.
        List<byte[]> bodies = new ArrayList<>();
        try {
            for (int from = 0; from < data.size(); from += 1000) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (Doc d : data.subList(from, Math.min(data.size(), from + 1000))) {
                    out.writeBytes(("{\"index\":{\"_index\":\"" + index + "\",\"_id\":\"" + d.id() + "\"}}\n").getBytes());
                    out.writeBytes(json.writeValueAsBytes(d));
                    out.write('\n');
                }
                bodies.add(out.toByteArray());
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        long t0 = System.nanoTime();
        RawBulk.post(url, bodies, connections);
        long nanos = System.nanoTime() - t0;
        return finish(SearchIndex.create(admin, IndexSpec.builder(index).build(), Doc.class), nanos);
    }

    private static long[] onePerDoc(OpenSearchConnection c, List<Doc> data, String suffix) {
        SearchIndex<Doc> idx = freshIndex(c, suffix);
        long t0 = System.nanoTime();
        for (Doc d : data) {
            idx.put(d.id(), d);
        }
        return finish(idx, System.nanoTime() - t0);
    }

    private static long[] finish(SearchIndex<Doc> idx, long nanos) {
        idx.refresh();
        long count = idx.count();
        idx.drop();
        return new long[] {nanos, count};
    }

    private static double report(String what, long[] result, int expected) {
        double seconds = result[0] / 1e9;
        double rate = expected / seconds;
        System.out.printf("%-42s %,9.0f docs/s  (%,d docs in %.2f s, %,d counted)%n", what, rate, expected, seconds, result[1]);
        if (result[1] != expected) {
            throw new IllegalStateException(what + " lost documents: " + result[1] + " of " + expected);
        }
        return rate;
    }
}
