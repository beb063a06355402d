package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryServiceException;
import dev.tributary.testkit.LocalSecureOpenSearch;
import dev.tributary.testkit.SecureOpenSearchExtension;
import dev.tributary.testkit.TestCertificates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TLS and basic auth against a real node running the OpenSearch security plugin (HTTPS only, internal users).
 */
@ExtendWith(SecureOpenSearchExtension.class)
class OpenSearchTlsIT {
    private static final String WRONG_PASSWORD = "Wr0ng-Pass-4711";

    private final LocalSecureOpenSearch node;

    OpenSearchTlsIT(LocalSecureOpenSearch node) {
        this.node = node;
    }

    @Test
    void indexBulkSearch_trustedCaAndBasicAuth_work() {
        try (OpenSearchConnection connection = builder()
                .trustStore(node.certificates().trustStore(), node.certificates().password())
                .basicAuth(node.username(), node.password())
                .build()) {
            SearchIndex<Product> index = SearchIndex.create(connection,
                    IndexSpec.builder("tls-" + System.nanoTime()).shards(1, 0).text("name").keyword("brand").build(),
                    Product.class);
            index.ensureExists();
            try {
                index.put("1", new Product("1", "Wireless Mouse", "USB", "Contoso", 24.9));
                List<CompletableFuture<?>> writes = new ArrayList<>();
                try (BulkIndexer<Product> bulk = BulkIndexer.<Product>builder(connection, index.name()).build()) {
                    for (int i = 2; i <= 200; i++) {
                        writes.add(bulk.index(Integer.toString(i),
                                new Product(Integer.toString(i), "Cable " + i, "braided", "Fabrikam", i)));
                    }
                }
                CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).orTimeout(60, TimeUnit.SECONDS).join();
                index.refresh();

                assertThat(index.count()).isEqualTo(200);
                assertThat(index.search(SearchQuery.text("wireless")).ids()).containsExactly("1");
            } finally {
                index.drop();
            }
        }
    }

    @Test
    void call_defaultTrustStore_refusesTestCertificate() {
        try (OpenSearchConnection connection = builder().basicAuth(node.username(), node.password()).build()) {
            assertRefusedByTls(connection);
        }
    }

    @Test
    void call_untrustedCa_refused() {
        TestCertificates other = TestCertificates.create("Some other CA");
        try (OpenSearchConnection connection = builder()
                .trustStore(other.trustStore(), other.password())
                .basicAuth(node.username(), node.password())
                .build()) {
            assertRefusedByTls(connection);
        }
    }

    @Test
    void call_hostnameMismatch_refused() {
        // The certificate names 127.0.0.1 only; "localhost" reaches the same socket under another name.
        try (OpenSearchConnection connection = OpenSearchConnection.builder()
                .url("https://localhost:" + node.url().getPort())
                .resilience(ResilienceSettings.builder().maxAttempts(1).build())
                .trustStore(node.certificates().trustStore(), node.certificates().password())
                .basicAuth(node.username(), node.password())
                .build()) {
            assertRefusedByTls(connection);
        }
    }

    @Test
    void call_wrongPassword_typedNotRetryableAndNoSecret() {
        try (OpenSearchConnection connection = builder()
                .trustStore(node.certificates().trustStore(), node.certificates().password())
                .basicAuth(node.username(), WRONG_PASSWORD)
                .build()) {
            SearchIndex<Product> index = SearchIndex.create(connection,
                    IndexSpec.builder("tls-denied").keyword("brand").build(), Product.class);

            assertThatThrownBy(index::count)
                    .isInstanceOfSatisfying(TributaryServiceException.class, e -> {
                        assertThat(e.statusCode()).hasValue(401);
                        assertThat(e.retryable()).isFalse();
                    })
                    .hasMessageContaining("Check credentials")
                    .hasMessageNotContaining(WRONG_PASSWORD);
        }
    }

    private OpenSearchConnection.Builder builder() {
        return OpenSearchConnection.builder()
                .url(node.url())
                .resilience(ResilienceSettings.builder().maxAttempts(1).build());
    }

    private static void assertRefusedByTls(OpenSearchConnection connection) {
        SearchIndex<Product> index = SearchIndex.create(connection,
                IndexSpec.builder("tls-refused").keyword("brand").build(), Product.class);
        assertThatThrownBy(index::count)
                .isInstanceOfSatisfying(TributaryClientException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("refused the node's TLS certificate")
                .satisfies(e -> assertThat(causes(e)).anyMatch(SSLException.class::isInstance));
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }
}
