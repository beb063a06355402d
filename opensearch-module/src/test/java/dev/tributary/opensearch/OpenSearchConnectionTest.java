package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import org.junit.jupiter.api.Test;
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
}
