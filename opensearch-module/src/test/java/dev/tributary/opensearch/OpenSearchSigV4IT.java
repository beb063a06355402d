package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryServiceException;
import dev.tributary.opensearch.OpenSearchConnection.AwsService;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import dev.tributary.testkit.SigV4Front;
import dev.tributary.testkit.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * SigV4 for Amazon OpenSearch Service ({@code es}) and Serverless ({@code aoss}): every call passes through the
 * test kit's {@link SigV4Front}, which recomputes each signature with the SDK's signer and refuses bad ones.
 */
@ExtendWith(OpenSearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSearchSigV4IT {
    private static final String ACCESS_KEY = "AKIDTRIBUTARYTEST";
    private static final String SECRET_KEY = "tributary/Test+Secret/Key0123456789abcdef";

    private final LocalOpenSearch node;
    private TestCertificates certificates;
    private SigV4Front front;

    OpenSearchSigV4IT(LocalOpenSearch node) {
        this.node = node;
    }

    @BeforeAll
    void startFront() {
        certificates = TestCertificates.create("Tributary SigV4 front CA");
        front = SigV4Front.start(node.url(), certificates, "eu-west-1", ACCESS_KEY, SECRET_KEY);
    }

    @AfterAll
    void stopFront() {
        front.close();
    }

    @ParameterizedTest(name = "{0}, compression {1}")
    @CsvSource({"ES, true", "ES, false", "AOSS, true", "AOSS, false"})
    void indexBulkSearch_signed_acceptedByVerifyingFront(AwsService service, boolean compression) {
        int acceptedBefore = front.accepted();
        int compressedBefore = front.acceptedCompressed();
        int refusedBefore = front.refused();
        try (OpenSearchConnection connection = builder(service, SECRET_KEY).compression(compression).build()) {
            // 500 documents: enough bytes per bulk request to pass the 8 KiB compression threshold.
            ConnectionChecks.assertIndexBulkSearch(connection,
                    "sigv4-" + service.signingName() + "-" + compression + "-" + System.nanoTime(), 500);
        }
        assertThat(front.refused()).isEqualTo(refusedBefore);
        assertThat(front.accepted() - acceptedBefore).isGreaterThanOrEqualTo(7);
        assertThat(front.acceptedServices()).contains(service.signingName());
        if (compression) {
            assertThat(front.acceptedCompressed()).isGreaterThan(compressedBefore);
        } else {
            assertThat(front.acceptedCompressed()).isEqualTo(compressedBefore);
        }
    }

    @ParameterizedTest
    @EnumSource(AwsService.class)
    void call_wrongSecretKey_refusedTypedWithoutSecret(AwsService service) {
        String wrong = "wrong/Secret+Key0123456789abcdefghijklmn";
        int refusedBefore = front.refused();
        try (OpenSearchConnection connection = builder(service, wrong).build()) {
            SearchIndex<Product> index = SearchIndex.create(connection,
                    IndexSpec.builder("sigv4-denied").keyword("brand").build(), Product.class);

            assertThatThrownBy(index::count)
                    .isInstanceOfSatisfying(TributaryServiceException.class, e -> {
                        assertThat(e.statusCode()).hasValue(403);
                        assertThat(e.retryable()).isFalse();
                    })
                    .hasMessageNotContaining(wrong)
                    .hasMessageNotContaining(SECRET_KEY);
        }
        assertThat(front.refused()).isGreaterThan(refusedBefore);
    }

    @Test
    void call_hostnameMismatch_refusedBeforeSigning() {
        int seen = front.accepted() + front.refused();
        // The front's certificate names 127.0.0.1 only.
        try (OpenSearchConnection connection = builder(AwsService.ES, SECRET_KEY, "https://localhost:" + front.url().getPort())
                .build()) {
            ConnectionChecks.assertRefusedByTls(connection, "sigv4-mismatch");
        }
        assertThat(front.accepted() + front.refused()).isEqualTo(seen);
    }

    @Test
    void call_defaultTrustStore_refusesTestCertificate() {
        try (OpenSearchConnection connection = OpenSearchConnection.builder()
                .url(front.url())
                .aws(Region.EU_WEST_1, AwsService.AOSS)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .resilience(ResilienceSettings.builder().maxAttempts(1).build())
                .build()) {
            ConnectionChecks.assertRefusedByTls(connection, "sigv4-untrusted");
        }
    }

    private OpenSearchConnection.Builder builder(AwsService service, String secret) {
        return builder(service, secret, front.url().toString());
    }

    private OpenSearchConnection.Builder builder(AwsService service, String secret, String url) {
        return OpenSearchConnection.builder()
                .url(url)
                .aws(Region.EU_WEST_1, service)
                .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secret)))
                .trustStore(certificates.trustStore(), certificates.password())
                .resilience(ResilienceSettings.builder().maxAttempts(1).build());
    }
}
