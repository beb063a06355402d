package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryClientException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connection behaviour against real loopback sockets (no OpenSearch needed). */
class OpenSearchConnectionIT {
    private ServerSocket neverAccepts;
    private final List<Socket> backlogFillers = new ArrayList<>();

    /**
     * A listening socket whose accept queue is full: the kernel then drops new SYNs, so a TCP connect hangs
     * until the client's connect timeout (as with a firewalled or non-routable address).
     */
    @BeforeEach
    void fullBacklog() throws IOException {
        neverAccepts = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        for (int i = 0; i < 4; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), neverAccepts.getLocalPort()), 200);
                backlogFillers.add(s);
            } catch (IOException full) {
                s.close();
                break;
            }
        }
    }

    @AfterEach
    void close() throws IOException {
        for (Socket s : backlogFillers) {
            s.close();
        }
        neverAccepts.close();
    }

    @Test
    void call_serverNeverAccepts_failsWithConnectTimeout() {
        OpenSearchConnection connection = OpenSearchConnection.builder()
                .url("http://127.0.0.1:" + neverAccepts.getLocalPort())
                .timeouts(Duration.ofMillis(500), Duration.ofSeconds(60))
                .resilience(ResilienceSettings.builder().maxAttempts(1).build())
                .build();
        SearchIndex<Product> index = SearchIndex.create(connection,
                IndexSpec.builder("unreachable").keyword("brand").build(), Product.class);
        try {
            // Without a TCP connect timeout the client waits for its 3-minute default (or the response timeout).
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(index::count)
                    .isInstanceOfSatisfying(TributaryClientException.class, e -> assertThat(e.retryable()).isTrue())
                    .hasMessageContaining("could not reach OpenSearch")
                    .hasMessageContaining("ConnectTimeoutException"));
        } finally {
            connection.close();
        }
    }

    @Test
    void call_clientSettingsConnectTimeout_appliedToTheTcpConnect() {
        OpenSearchConnection connection = OpenSearchConnection.builder()
                .url("http://127.0.0.1:" + neverAccepts.getLocalPort())
                .clientSettings(ClientSettings.builder().connectTimeout(Duration.ofMillis(500))
                        .apiCallTimeout(Duration.ofSeconds(60)).build())
                .resilience(ResilienceSettings.builder().maxAttempts(1).build())
                .build();
        SearchIndex<Product> index = SearchIndex.create(connection,
                IndexSpec.builder("unreachable").keyword("brand").build(), Product.class);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(index::count)
                    .isInstanceOf(TributaryClientException.class)
                    .hasMessageContaining("ConnectTimeoutException"));
        } finally {
            connection.close();
        }
    }
}
