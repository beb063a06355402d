package dev.tributary.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * Posts ready-made NDJSON bodies to a node's {@code _bulk} endpoint over plain HTTP/1.1 with no client library:
 * the "what the server can take" side of the bulk and sync benchmarks.
 */
final class RawBulk {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RawBulk() {}

    /**
     * Posts every body, {@code connections} at a time.
     *
     * @throws IllegalStateException when a request fails or an item in it failed
     */
    static void post(URI nodeUrl, List<byte[]> bodies, int connections) {
        URI bulk = nodeUrl.resolve("/_bulk?filter_path=errors");
        Harness.parallel(connections, bodies.size(), i -> {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(bulk)
                            .header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(i))).build(),
                    HttpResponse.BodyHandlers.ofString());
            // filter_path=errors leaves {"errors":false} unless an item failed.
            if (r.statusCode() != 200 || r.body().contains("true")) {
                throw new IllegalStateException("bulk failed: HTTP " + r.statusCode());
            }
        });
    }
}
