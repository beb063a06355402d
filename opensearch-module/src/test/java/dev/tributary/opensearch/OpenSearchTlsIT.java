package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryServiceException;
import dev.tributary.testkit.LocalSecureOpenSearch;
import dev.tributary.testkit.SecureOpenSearchExtension;
import dev.tributary.testkit.TestCertificates;
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
            ConnectionChecks.assertIndexBulkSearch(connection, "tls-" + System.nanoTime(), 200);
        }
    }

    @Test
    void call_defaultTrustStore_refusesTestCertificate() {
        try (OpenSearchConnection connection = builder().basicAuth(node.username(), node.password()).build()) {
            ConnectionChecks.assertRefusedByTls(connection, "tls-refused");
        }
    }

    @Test
    void call_untrustedCa_refused() {
        TestCertificates other = TestCertificates.create("Some other CA");
        try (OpenSearchConnection connection = builder()
                .trustStore(other.trustStore(), other.password())
                .basicAuth(node.username(), node.password())
                .build()) {
            ConnectionChecks.assertRefusedByTls(connection, "tls-refused");
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
            ConnectionChecks.assertRefusedByTls(connection, "tls-refused");
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
}
