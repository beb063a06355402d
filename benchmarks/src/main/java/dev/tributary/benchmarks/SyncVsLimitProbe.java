package dev.tributary.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the OpenSearch node did for one contender of {@code sync-vs-limit}: its process CPU and the deltas of its
 * node statistics (bulk shard requests, indexing time, refreshes, merges, flushes), so that a difference in server
 * CPU between two contenders can be traced to what the server was asked to do.
 */
final class SyncVsLimitProbe {
    private static final String[] FIELDS = {
        "thread_pool.write.completed", "indices.indexing.index_total", "indices.indexing.index_time_in_millis",
        "indices.refresh.total", "indices.refresh.total_time_in_millis", "indices.merges.total",
        "indices.merges.total_time_in_millis", "indices.flush.total", "http.total_opened"};
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final URI node;
    private Map<String, Long> before = Map.of();
    private double[] cpuBefore = new double[3];

    SyncVsLimitProbe(URI node) {
        this.node = node;
    }

    private long startedAtMillis;

    void start() {
        startedAtMillis = System.currentTimeMillis();
        before = read();
        cpuBefore = processCpu();
    }

    /** Returns a one-line summary of what the node did since {@link #start()}. */
    String stop() {
        double[] cpu = processCpu();
        Map<String, Long> after = read();
        StringBuilder sb = new StringBuilder(String.format("window %d-%d ms, cpu s: client %.2f, dynamodb %.2f, opensearch %.2f",
                startedAtMillis, System.currentTimeMillis(), cpu[0] - cpuBefore[0], cpu[1] - cpuBefore[1], cpu[2] - cpuBefore[2]));
        for (String f : FIELDS) {
            sb.append(", ").append(f.substring(f.lastIndexOf('.', f.lastIndexOf('.') - 1) + 1)).append(' ')
                    .append(after.getOrDefault(f, 0L) - before.getOrDefault(f, 0L));
        }
        return sb.toString();
    }

    private Map<String, Long> read() {
        try {
            String body = HTTP.send(HttpRequest.newBuilder(node.resolve("/_nodes/_local/stats/indices,thread_pool,http"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            JsonNode n = JSON.readTree(body).path("nodes").elements().next();
            Map<String, Long> values = new LinkedHashMap<>();
            for (String f : FIELDS) {
                JsonNode v = n;
                for (String part : f.split("\\.")) {
                    v = v.path(part);
                }
                values.put(f, v.asLong());
            }
            return values;
        } catch (Exception e) {
            throw new IllegalStateException("could not read node stats", e);
        }
    }

    /** CPU seconds of this JVM, the DynamoDB Local child and the OpenSearch child, told apart by command line. */
    private static double[] processCpu() {
        double[] cpu = new double[3];
        cpu[0] = seconds(ProcessHandle.current());
        for (ProcessHandle p : (Iterable<ProcessHandle>) ProcessHandle.current().descendants()::iterator) {
            String cmd;
            try {
                cmd = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + p.pid() + "/cmdline"));
            } catch (java.io.IOException e) {
                cmd = "";
            }
            cpu[cmd.contains("OpenSearchNodeMain") ? 2 : 1] += seconds(p);
        }
        return cpu;
    }

    private static double seconds(ProcessHandle p) {
        return p.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0);
    }
}
