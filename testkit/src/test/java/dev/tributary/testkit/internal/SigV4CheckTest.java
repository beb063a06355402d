package dev.tributary.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

class SigV4CheckTest {
    private static final int PORT = 44321;
    private static final byte[] BODY = "{\"query\":{\"match_all\":{}}}".getBytes(StandardCharsets.UTF_8);
    private final SigV4Check check = new SigV4Check("eu-west-1", "AKID", "secret");

    @Test
    void verify_signedBySdk_validForEsAndAoss() {
        for (String service : List.of("es", "aoss")) {
            Map<String, List<String>> headers = sign(service, "secret", BODY);

            SigV4Check.Result r = verify(headers, BODY);

            assertThat(r.valid()).as(service + ": " + r.reason()).isTrue();
            assertThat(r.service()).isEqualTo(service);
        }
    }

    @Test
    void verify_wrongSecret_refused() {
        assertThat(verify(sign("es", "other", BODY), BODY).reason()).contains("signature we calculated");
    }

    @Test
    void verify_bodyChangedAfterSigning_refused() {
        byte[] tampered = "{\"query\":{\"match_none\":{}}}".getBytes(StandardCharsets.UTF_8);

        assertThat(verify(sign("es", "secret", BODY), tampered).valid()).isFalse();
    }

    @Test
    void verify_aossWithoutContentSha256_refused() {
        Map<String, List<String>> headers = sign("aoss", "secret", BODY);
        headers.remove("x-amz-content-sha256");

        assertThat(verify(headers, BODY).reason()).contains("x-amz-content-sha256 is required");
    }

    @Test
    void verify_unknownServiceOrRegion_refused() {
        assertThat(verify(sign("s3", "secret", BODY), BODY).valid()).isFalse();
        assertThat(verify(Map.of("Host", List.of("127.0.0.1:" + PORT)), BODY).reason())
                .isEqualTo("Missing Authentication Token");
    }

    private SigV4Check.Result verify(Map<String, List<String>> headers, byte[] body) {
        return check.verify("POST", URI.create("/products/_search?typed_keys=true&q=a%20b"), headers, body, PORT);
    }

    /** Signs like opensearch-java's AwsSdk2Transport: the SDK's AwsV4HttpSigner with service and region. */
    private static Map<String, List<String>> sign(String service, String secret, byte[] body) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.POST).protocol("https").host("127.0.0.1").port(PORT)
                .encodedPath("/products/_search")
                .appendRawQueryParameter("typed_keys", "true")
                .appendRawQueryParameter("q", "a b")
                .putHeader("Content-Type", "application/json")
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("AKID", secret))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "eu-west-1"));
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(signed.request().headers());
        headers.put("Host", List.of("127.0.0.1:" + PORT));
        return headers;
    }
}
