package dev.tributary.ses.suppression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tributary.core.ClientSettings;
import dev.tributary.core.TributaryException;
import dev.tributary.ses.event.BounceType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Drives the real SesV2Client against a local HTTP stub that records requests, so the test sees the exact wire
 * form and can answer with SES's error shapes (the SES emulator's suppression-list extension, used by
 * SuppressionReconcilerIT, answers only success and NotFound).
 */
class SuppressionPolicyIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpServer server;
    private static SesV2Client ses;
    private static final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private static volatile int status = 200;
    private static volatile String responseBody = "{}";
    private static volatile String errorType = "";

    record Recorded(String method, String path, String contentType, String body) {}

    @BeforeAll
    static void startStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", SuppressionPolicyIT::handle);
        server.start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        ses = ClientSettings.local(endpoint).toBuilder().apiCallTimeout(java.time.Duration.ofSeconds(10)).build()
                .applyTo(SesV2Client.builder())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @AfterAll
    static void stopStub() {
        ses.close();
        server.stop(0);
    }

    @BeforeEach
    @AfterEach
    void reset() {
        requests.clear();
        status = 200;
        responseBody = "{}";
        errorType = "";
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        requests.add(new Recorded(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                contentType == null ? "" : contentType, body));
        byte[] out = responseBody.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("x-amzn-RequestId", "stub-request-1");
        if (!errorType.isEmpty()) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    private static SuppressionPolicy sesOnly() {
        return SuppressionPolicy.builder().sesClient(ses).build();
    }

    @Test
    void apply_hardBounce_putsSuppressedDestinationWithBounceReason() throws Exception {
        sesOnly().apply(TestEvents.bounce(BounceType.PERMANENT, "General", "Ann@Example.com"));

        assertThat(requests).hasSize(1);
        Recorded r = requests.get(0);
        assertThat(r.method()).isEqualTo("PUT");
        assertThat(r.path()).isEqualTo("/v2/email/suppression/addresses");
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("EmailAddress").asText()).isEqualTo("ann@example.com");
        assertThat(body.get("Reason").asText()).isEqualTo("BOUNCE");
    }

    @Test
    void apply_complaint_putsSuppressedDestinationWithComplaintReason() throws Exception {
        sesOnly().apply(TestEvents.complaint(null, "bob@example.com", "carl@example.com"));

        assertThat(requests).hasSize(2).allSatisfy(r -> {
            assertThat(r.method()).isEqualTo("PUT");
            assertThat(r.path()).isEqualTo("/v2/email/suppression/addresses");
        });
        assertThat(JSON.readTree(requests.get(0).body()).get("Reason").asText()).isEqualTo("COMPLAINT");
        assertThat(JSON.readTree(requests.get(1).body()).get("EmailAddress").asText()).isEqualTo("carl@example.com");
    }

    @Test
    void apply_storeAndSes_writesBoth() {
        InMemorySuppressionStore store = InMemorySuppressionStore.create();
        SuppressionPolicy policy = SuppressionPolicy.builder().store(store).sesClient(ses).build();

        policy.apply(TestEvents.bounce(BounceType.PERMANENT, "NoEmail", "ann@example.com"));

        assertThat(store.isSuppressed("ann@example.com")).isTrue();
        assertThat(requests).hasSize(1);
    }

    @Test
    void apply_alreadyOnAccountList_isStoredButNotSentToSesAgain() {
        InMemorySuppressionStore store = InMemorySuppressionStore.create();
        SuppressionPolicy policy = SuppressionPolicy.builder().store(store).sesClient(ses).build();

        policy.apply(TestEvents.bounce(BounceType.PERMANENT, "OnAccountSuppressionList", "ann@example.com"));

        assertThat(store.isSuppressed("ann@example.com")).isTrue();
        assertThat(requests).isEmpty();
    }

    @Test
    void apply_transientBounce_sendsNothing() {
        sesOnly().apply(TestEvents.bounce(BounceType.TRANSIENT, "MailboxFull", "ann@example.com"));

        assertThat(requests).isEmpty();
    }

    @Test
    void apply_sesRefuses_throwsTranslatedNonRetryableErrorWithoutTheAddress() {
        status = 400;
        errorType = "BadRequestException";
        responseBody = "{\"message\":\"Invalid email address ann@example.com\"}";

        assertThatThrownBy(() -> sesOnly().apply(TestEvents.bounce(BounceType.PERMANENT, "General",
                "ann@example.com")))
                .isInstanceOf(TributaryException.class)
                .satisfies(e -> {
                    TributaryException te = (TributaryException) e;
                    assertThat(te.retryable()).isFalse();
                    assertThat(te.statusCode()).hasValue(400);
                    assertThat(te.getMessage()).contains("PutSuppressedDestination").doesNotContain("ann@example.com");
                });
    }

    @Test
    void apply_sesServerError_isRetryable() {
        status = 500;
        errorType = "InternalFailure";
        responseBody = "{\"message\":\"internal\"}";

        assertThatThrownBy(() -> sesOnly().apply(TestEvents.complaint(null, "ann@example.com")))
                .isInstanceOf(TributaryException.class)
                .satisfies(e -> assertThat(((TributaryException) e).retryable()).isTrue());
    }
}
