package dev.tributary.testkit.internal;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Verifies a SigV4-signed request the way the AWS front door does, by signing the same request again with
 * the SDK's {@link AwsV4HttpSigner} at the request's own time and comparing the {@code Authorization}
 * headers. Used by {@code SigV4Front}. Thread-safe.
 */
public final class SigV4Check {
    private static final Pattern AUTH = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final String region;
    private final AwsCredentialsIdentity credentials;

    /**
     * Creates a check for one key pair and region.
     *
     * @param region the accepted region
     * @param accessKeyId the accepted access key id
     * @param secretAccessKey its secret
     */
    public SigV4Check(String region, String accessKeyId, String secretAccessKey) {
        this.region = region;
        this.credentials = AwsCredentialsIdentity.create(accessKeyId, secretAccessKey);
    }

    /** The outcome: valid with the signing service, or refused with AWS-like reason text. */
    public record Result(boolean valid, String service, String reason) {
        static Result refuse(String reason) {
            return new Result(false, "", reason);
        }
    }

    /**
     * Checks one request.
     *
     * @param method the HTTP method
     * @param uri the request URI as received (raw path and query)
     * @param headers the received headers (names in any case)
     * @param body the body bytes as received (still compressed when gzip)
     * @param port the port the client connected to (part of the signed {@code host})
     * @return the result
     */
    public Result verify(String method, URI uri, Map<String, List<String>> headers, byte[] body, int port) {
        String authorization = header(headers, "authorization");
        if (authorization == null) {
            return Result.refuse("Missing Authentication Token");
        }
        Matcher m = AUTH.matcher(authorization);
        if (!m.matches()) {
            return Result.refuse("Authorization header requires Credential, SignedHeaders and Signature");
        }
        String service = m.group(4);
        if (!credentials.accessKeyId().equals(m.group(1))) {
            return Result.refuse("The security token included in the request is invalid.");
        }
        if (!region.equals(m.group(3)) || !(service.equals("es") || service.equals("aoss"))) {
            return Result.refuse("Credential should be scoped to a valid region and service (es or aoss).");
        }
        String amzDate = header(headers, "x-amz-date");
        @Nullable Instant signedAt;
        try {
            signedAt = amzDate == null ? null : Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            signedAt = null;
        }
        if (signedAt == null || Duration.between(signedAt, Instant.now()).abs().compareTo(SKEW) > 0) {
            return Result.refuse("Signature expired or X-Amz-Date missing.");
        }
        String contentSha = header(headers, "x-amz-content-sha256");
        if (service.equals("aoss") && contentSha == null) {
            return Result.refuse("x-amz-content-sha256 is required for OpenSearch Serverless.");
        }
        if (contentSha != null && !contentSha.equals(sha256(body))) {
            return Result.refuse("The provided x-amz-content-sha256 header does not match what was computed.");
        }
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(method))
                .protocol("https")
                .host("127.0.0.1")
                .port(port)
                .encodedPath(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                request.appendRawQueryParameter(name, eq < 0 ? null : decode(pair.substring(eq + 1)));
            }
        }
        for (String name : m.group(5).split(";")) {
            String value = header(headers, name);
            if (value != null && !name.equals("host")) {
                request.putHeader(name, value);
            }
        }
        Clock clock = Clock.fixed(signedAt, ZoneOffset.UTC);
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(credentials)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        String expected = signed.request().firstMatchingHeader("Authorization").orElse("");
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                authorization.getBytes(StandardCharsets.UTF_8))) {
            return Result.refuse("The request signature we calculated does not match the signature you provided."
                    + " Check your AWS Secret Access Key and signing method.");
        }
        String hostHeader = header(headers, "host");
        if (hostHeader == null || !hostHeader.equals("127.0.0.1:" + port)) {
            return Result.refuse("The signed host does not match this endpoint.");
        }
        return new Result(true, service, "");
    }

    private static @Nullable String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().toLowerCase(Locale.ROOT).equals(name) && !e.getValue().isEmpty()) {
                return String.join(",", e.getValue());
            }
        }
        return null;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
