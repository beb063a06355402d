package dev.tributary.ses.event.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The default fetcher against a real local HTTP server (the scheme and host checks are SnsHosts' job). */
class JdkSnsHttpTest {
    private HttpServer server;
    private final AtomicInteger elsewhere = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/cert.pem", x -> reply(x, 200, "-----BEGIN CERTIFICATE-----"));
        server.createContext("/missing", x -> reply(x, 404, "no"));
        server.createContext("/huge", x -> reply(x, 200, "x".repeat(65 * 1024)));
        server.createContext("/redirect", x -> {
            x.getResponseHeaders().add("Location", url("/elsewhere").toString());
            reply(x, 302, "");
        });
        server.createContext("/elsewhere", x -> {
            elsewhere.incrementAndGet();
            reply(x, 200, "followed");
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void reply(com.sun.net.httpserver.HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void get_ok_returnsTheBody() throws IOException {
        assertThat(new String(SnsHttp.defaults().get(url("/cert.pem")), StandardCharsets.US_ASCII))
                .isEqualTo("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void get_notFound_throwsWithTheStatus() {
        assertThatThrownBy(() -> SnsHttp.defaults().get(url("/missing"))).isInstanceOf(IOException.class)
                .hasMessageContaining("404");
    }

    @Test
    void get_redirect_isNotFollowed() {
        assertThatThrownBy(() -> SnsHttp.defaults().get(url("/redirect"))).isInstanceOf(IOException.class)
                .hasMessageContaining("302");
        assertThat(elsewhere).hasValue(0);
    }

    @Test
    void get_bodyOverTheCap_isRefused() {
        assertThatThrownBy(() -> SnsHttp.defaults().get(url("/huge"))).isInstanceOf(IOException.class)
                .hasMessageContaining("larger than");
    }
}
