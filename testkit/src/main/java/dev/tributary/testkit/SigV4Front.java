package dev.tributary.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tributary.testkit.internal.SigV4Check;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTPS front that plays Amazon OpenSearch Service ({@code es}) and Serverless ({@code aoss}) at the door:
 * it recomputes the SigV4 signature of every request with the AWS SDK v2's {@code AwsV4HttpSigner} from the
 * one access key it knows, refuses a missing, stale or wrong signature with 403 and AWS's message, and
 * forwards good requests to a plain OpenSearch node (usually {@link LocalOpenSearch}).
 *
 * <p>Checked like AWS: the credential scope's region and service ({@code es} or {@code aoss}), the signed
 * headers (and only those) plus method, path, query and body, a request time within five minutes, and
 * {@code x-amz-content-sha256} equal to the body's SHA-256 when sent; {@code aoss} requires that header.
 * Gzip-compressed bodies are verified as sent (compressed) and forwarded with their {@code Content-Encoding}.
 *
 * <p>Needs {@code software.amazon.awssdk:http-auth-aws} on the test classpath. Serves TLS with the server
 * certificate of the {@link TestCertificates} given (name {@code 127.0.0.1}). Thread-safe; close it when done.
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.create("test CA");
 * try (SigV4Front front = SigV4Front.start(node.url(), certs, "eu-west-1", "AKIDTEST", "secret")) {
 *     URI url = front.url(); // https://127.0.0.1:<port>, sign for eu-west-1 and es or aoss
 * }
 * }</pre>
 */
public final class SigV4Front implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SigV4Front.class);
    private static final Set<String> FORWARDED = Set.of("content-type", "content-encoding");

    private final HttpsServer server;
    private final ExecutorService executor;
    private final HttpClient http;
    private final URI target;
    private final SigV4Check check;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger acceptedCompressed = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final Set<String> services = ConcurrentHashMap.newKeySet();

    private SigV4Front(HttpsServer server, ExecutorService executor, URI target, SigV4Check check) {
        this.server = server;
        this.executor = executor;
        this.target = target;
        this.check = check;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /**
     * Starts a front on a free loopback port.
     *
     * @param target the plain node to forward to, such as {@code http://127.0.0.1:9200}
     * @param certificates whose server certificate the front presents
     * @param region the only region accepted in the credential scope, such as {@code eu-west-1}
     * @param accessKeyId the only access key accepted
     * @param secretAccessKey its secret, used to recompute signatures
     * @return the running front
     */
    public static SigV4Front start(URI target, TestCertificates certificates, String region, String accessKeyId,
            String secretAccessKey) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.setHttpsConfigurator(new HttpsConfigurator(certificates.serverSslContext()));
            ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
                Thread t = new Thread(r, "tributary-sigv4-front");
                t.setDaemon(true);
                return t;
            });
            server.setExecutor(executor);
            SigV4Front front = new SigV4Front(server, executor, target,
                    new SigV4Check(region, accessKeyId, secretAccessKey));
            server.createContext("/", front::handle);
            server.start();
            return front;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the SigV4 front", e);
        }
    }

    /** Returns the front's base URL, {@code https://127.0.0.1:<port>}. */
    public URI url() {
        return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Returns how many requests had a valid signature and were forwarded. */
    public int accepted() {
        return accepted.get();
    }

    /** Returns how many accepted requests had a gzip-compressed body. */
    public int acceptedCompressed() {
        return acceptedCompressed.get();
    }

    /** Returns how many requests were refused with 403. */
    public int refused() {
        return refused.get();
    }

    /** Returns the signing services ({@code es}, {@code aoss}) of the accepted requests. */
    public Set<String> acceptedServices() {
        return Set.copyOf(services);
    }

    /** Stops the front. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            SigV4Check.Result result = check.verify(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders(), body, server.getAddress().getPort());
            if (!result.valid()) {
                refused.incrementAndGet();
                LOG.debug("SigV4 front refused a request [reason={}]", result.reason());
                respond(exchange, 403, "application/json",
                        ("{\"message\":\"" + result.reason() + "\"}").getBytes(StandardCharsets.UTF_8));
                return;
            }
            accepted.incrementAndGet();
            services.add(result.service());
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                acceptedCompressed.incrementAndGet();
            }
            forward(exchange, body);
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        URI in = exchange.getRequestURI();
        URI out = URI.create(target.toString().replaceAll("/$", "") + in.getRawPath()
                + (in.getRawQuery() == null ? "" : "?" + in.getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(out)
                .timeout(Duration.ofSeconds(60))
                .method(exchange.getRequestMethod(), body.length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (FORWARDED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            HttpResponse<byte[]> r = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            respond(exchange, r.statusCode(), r.headers().firstValue("Content-Type").orElse("application/json"),
                    "HEAD".equals(exchange.getRequestMethod()) ? null : r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 502, "application/json", "{\"message\":\"front interrupted\"}".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().put("Content-Type", List.of(contentType));
        if (body == null || body.length == 0) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    @Override
    public String toString() {
        return "SigV4Front[" + url() + " -> " + target + "]";
    }
}
