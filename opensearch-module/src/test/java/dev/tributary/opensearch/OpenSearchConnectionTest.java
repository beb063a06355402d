package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.TributaryValidationException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.transport.Endpoint;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.TransportOptions;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

class OpenSearchConnectionTest {
    @Test
    void build_basicAuthOverHttp_refusedWithoutSecret() {
        OpenSearchConnection.Builder b = OpenSearchConnection.builder()
                .url("http://127.0.0.1:9200")
                .basicAuth("alice", "s3cret-pw");

        assertThatThrownBy(b::build)
                .isInstanceOfSatisfying(TributaryValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("basicAuth");
                    assertThat(e.retryable()).isFalse();
                })
                .hasMessageContaining("https://")
                .hasMessageContaining("allowInsecureBasicAuth()")
                .hasMessageNotContaining("s3cret-pw")
                .hasMessageNotContaining("alice");
    }

    @Test
    void build_basicAuthOverHttpWithOneHttpsNode_refused() {
        OpenSearchConnection.Builder b = OpenSearchConnection.builder()
                .url("https://127.0.0.1:9200")
                .url("http://127.0.0.1:9201")
                .basicAuth("alice", "s3cret-pw");

        assertThatThrownBy(b::build).isInstanceOf(TributaryValidationException.class);
    }

    @Test
    void build_basicAuthOverHttpExplicitlyAllowed_builds() {
        OpenSearchConnection c = OpenSearchConnection.builder()
                .url("http://127.0.0.1:9200")
                .basicAuth("alice", "s3cret-pw")
                .allowInsecureBasicAuth()
                .build();

        c.close();
    }

    @Test
    void build_basicAuthOverHttps_builds() {
        OpenSearchConnection.builder().url("https://127.0.0.1:9200").basicAuth("alice", "s3cret-pw").build().close();
    }

    @Test
    void build_sigV4OverHttp_refused() {
        OpenSearchConnection.Builder b = OpenSearchConnection.builder()
                .url("http://127.0.0.1:9200")
                .aws(Region.EU_WEST_1, OpenSearchConnection.AwsService.ES)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")));

        assertThatThrownBy(b::build)
                .isInstanceOfSatisfying(TributaryValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("url"))
                .hasMessageContaining("https://");
    }

    @Test
    void close_calledTwice_closesOnceAndLaterCallsRejectedAsClosed() {
        CountingTransport transport = new CountingTransport();
        OpenSearchConnection c = OpenSearchConnection.builder().client(new OpenSearchClient(transport)).build();

        c.close();
        c.close();

        assertThat(transport.closed.get()).isZero(); // borrowed: the user's transport stays open
        assertThatThrownBy(() -> c.client().info())
                .isInstanceOfSatisfying(TributaryRejectedException.class, e -> {
                    assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.CLOSED);
                    assertThat(e.retryable()).isFalse();
                });
        assertThat(transport.requests.get()).isZero();
        assertThatThrownBy(() -> SearchIndex.create(c, IndexSpec.builder("closed-index").keyword("k").build(),
                Product.class).count())
                .isInstanceOfSatisfying(TributaryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.CLOSED));
    }

    @Test
    void close_builtFromSettings_idempotentAndNeverThrows() {
        OpenSearchConnection c = OpenSearchConnection.builder()
                .clientSettings(ClientSettings.builder().endpointOverride(URI.create("http://127.0.0.1:9200")).build())
                .build();

        c.close();
        c.close();

        assertThatThrownBy(() -> c.client().ping()).isInstanceOf(TributaryRejectedException.class);
    }

    @Test
    void build_clientWithUrl_refusedNamingClient() {
        OpenSearchConnection.Builder b = OpenSearchConnection.builder()
                .client(new OpenSearchClient(new CountingTransport()))
                .url("http://127.0.0.1:9200");

        assertThatThrownBy(b::build)
                .isInstanceOfSatisfying(TributaryValidationException.class, e -> assertThat(e.field()).isEqualTo("client"));
    }

    @Test
    void build_clientSettingsWithoutUrlOrEndpoint_refusedNamingUrl() {
        OpenSearchConnection.Builder b = OpenSearchConnection.builder().clientSettings(ClientSettings.defaults());

        assertThatThrownBy(b::build)
                .isInstanceOfSatisfying(TributaryValidationException.class, e -> assertThat(e.field()).isEqualTo("url"));
    }

    @Test
    void build_sigV4FromClientSettingsOverHttps_builds() {
        OpenSearchConnection c = OpenSearchConnection.builder()
                .url("https://search-x.eu-west-1.es.amazonaws.com")
                .clientSettings(ClientSettings.builder().region(Region.EU_WEST_1)
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
                        .connectTimeout(Duration.ofSeconds(2))
                        .build())
                .aws(OpenSearchConnection.AwsService.AOSS)
                .build();

        c.close();
    }

    /** A transport that only counts: a stand-in for a client the user built. */
    private static final class CountingTransport implements OpenSearchTransport {
        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        private final JsonpMapper mapper = new JacksonJsonpMapper();

        @Override
        public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request,
                Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
            requests.incrementAndGet();
            throw new UnsupportedOperationException("no server");
        }

        @Override
        public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(RequestT request,
                Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
            requests.incrementAndGet();
            return CompletableFuture.failedFuture(new UnsupportedOperationException("no server"));
        }

        @Override
        public JsonpMapper jsonpMapper() {
            return mapper;
        }

        @Override
        public TransportOptions options() {
            return null;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
