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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /** The two ways to set the TCP connect timeout: the connection's own setting and the shared client settings. */
    static Stream<Arguments> connectTimeouts() {
        return Stream.of(
                Arguments.of(Named.<UnaryOperator<OpenSearchConnection.Builder>>of("timeouts",
                        b -> b.timeouts(Duration.ofMillis(500), Duration.ofSeconds(60)))),
                Arguments.of(Named.<UnaryOperator<OpenSearchConnection.Builder>>of("clientSettings",
                        b -> b.clientSettings(ClientSettings.builder().connectTimeout(Duration.ofMillis(500))
                                .apiCallTimeout(Duration.ofSeconds(60)).build()))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("connectTimeouts")
    void call_serverNeverAccepts_failsWithConnectTimeout(UnaryOperator<OpenSearchConnection.Builder> connectTimeout) {
        try (OpenSearchConnection connection = connectTimeout.apply(OpenSearchConnection.builder()
                        .url("http://127.0.0.1:" + neverAccepts.getLocalPort())
                        .resilience(ResilienceSettings.builder().maxAttempts(1).build()))
                .build()) {
            SearchIndex<Product> index = SearchIndex.create(connection,
                    IndexSpec.builder("unreachable").keyword("brand").build(), Product.class);
            // Without a TCP connect timeout the client waits for its 3-minute default (or the response timeout).
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(index::count)
                    .isInstanceOfSatisfying(TributaryClientException.class, e -> assertThat(e.retryable()).isTrue())
                    .hasMessageContaining("could not reach OpenSearch")
                    .hasMessageContaining("ConnectTimeoutException"));
        }
    }
}
