package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TcpProxy against a loopback line server that answers "ok <n>" to every line and counts what it received. */
class TcpProxyTest {
    private ServerSocket peer;
    private final AtomicInteger received = new AtomicInteger();

    @BeforeEach
    void startPeer() throws IOException {
        peer = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!peer.isClosed()) {
                try {
                    Socket s = peer.accept();
                    Thread h = new Thread(() -> serve(s));
                    h.setDaemon(true);
                    h.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    out.write(("ok " + received.incrementAndGet() + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                }
            }
        } catch (IOException ignored) {
            // Client went away.
        }
    }

    @AfterEach
    void stopPeer() throws IOException {
        peer.close();
    }

    private static String exchange(int port, String line) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(5_000);
            s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            byte[] buf = new byte[64];
            int n = s.getInputStream().read(buf);
            return n < 0 ? "<eof>" : new String(buf, 0, n, StandardCharsets.US_ASCII).trim();
        }
    }

    @Test
    void dropResponses_forwardsRequestButClosesBeforeAnswer_thenForwardsAgain() throws IOException {
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", peer.getLocalPort())) {
            proxy.dropResponses(1);

            assertThat(exchange(proxy.port(), "a")).isEqualTo("<eof>");
            assertThat(exchange(proxy.port(), "b")).isEqualTo("ok 2");
            assertThat(received).hasValue(2);
            assertThat(proxy.droppedResponses()).isEqualTo(1);
        }
    }

    @Test
    void setUp_false_dropsConnections_true_forwardsAgain() throws IOException {
        try (TcpProxy proxy = TcpProxy.to(java.net.URI.create("http://127.0.0.1:" + peer.getLocalPort()))) {
            assertThat(exchange(proxy.url().getPort(), "a")).isEqualTo("ok 1");
            proxy.setUp(false);
            assertThat(exchange(proxy.url().getPort(), "b")).isEqualTo("<eof>");
            assertThat(proxy.refusedWhileDown()).isEqualTo(1);
            proxy.setUp(true);
            assertThat(exchange(proxy.url().getPort(), "c")).isEqualTo("ok 2");
            assertThat(proxy.refusedWhileDown()).isEqualTo(1);
        }
    }
}
