package dev.tributary.opensearch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

/**
 * An HTTP front before the test kit's real OpenSearch node that forwards every request and counts the
 * {@code _bulk} requests that reach it; it can answer {@code _bulk} itself instead (a whole-request 503, or
 * every item rejected with 429) or hold its answer back for a while. Like the test kit's {@code TcpProxy}, the
 * faults are injected in front of a real peer, which serves everything else.
 */
final class BulkFront implements AutoCloseable {
    /** What the front does with a {@code _bulk} request. */
    enum Mode { FORWARD, REQUEST_503, ITEMS_429 }

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "host", "transfer-encoding",
            "upgrade", "expect", "keep-alive");

    private final HttpServer server;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger bulkRequests = new AtomicInteger();
    private volatile Mode mode = Mode.FORWARD;
    private volatile long bulkDelayMillis;

    BulkFront(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bulk-front");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::serve);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void mode(Mode mode) {
        this.mode = mode;
    }

    /** Holds every {@code _bulk} answer back this long. */
    void delayBulk(Duration delay) {
        this.bulkDelayMillis = delay.toMillis();
    }

    /** Returns how many {@code _bulk} requests reached the front. */
    int bulkRequests() {
        return bulkRequests.get();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body = ex.getRequestBody().readAllBytes();
            boolean bulk = ex.getRequestURI().getPath().endsWith("/_bulk");
            if (bulk) {
                bulkRequests.incrementAndGet();
                sleep(bulkDelayMillis);
                Mode m = mode;
                if (m == Mode.REQUEST_503) {
                    reply(ex, 503, "{\"error\":{\"type\":\"unavailable_shards_exception\",\"reason\":\"test front\"},"
                            + "\"status\":503}");
                    return;
                }
                if (m == Mode.ITEMS_429) {
                    reply(ex, 200, rejectAll(ex, body));
                    return;
                }
            }
            forward(ex, body);
        }
    }

    private void forward(HttpExchange ex, byte[] body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(target.resolve(ex.getRequestURI().toString()))
                .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> b.header(name, v));
            }
        });
        HttpResponse<byte[]> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        r.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase())) {
                ex.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        ex.sendResponseHeaders(r.statusCode(), r.body().length == 0 ? -1 : r.body().length);
        ex.getResponseBody().write(r.body());
    }

    /** One 429 item per action line of the (possibly gzipped) NDJSON body. */
    private static String rejectAll(HttpExchange ex, byte[] body) throws IOException {
        String ndjson;
        if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
            try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                ndjson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } else {
            ndjson = new String(body, StandardCharsets.UTF_8);
        }
        StringBuilder items = new StringBuilder();
        boolean expectSource = false;
        for (String line : ndjson.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            if (expectSource) {
                expectSource = false;
                continue;
            }
            String action = line.substring(2, line.indexOf('"', 2));
            expectSource = !"delete".equals(action);
            items.append(items.length() == 0 ? "" : ",").append("{\"").append(action)
                    .append("\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\","
                            + "\"reason\":\"test front\"}}}");
        }
        return "{\"took\":1,\"errors\":true,\"items\":[" + items + "]}";
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static void sleep(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
