package dev.tributary.opensearch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.core.Resilience;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.opensearch.client.opensearch.generic.Body;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.opensearch.generic.Requests;
import org.opensearch.client.opensearch.generic.Response;

/** Runs OpenSearch calls under a Resilience guard, translating failures inside it so retries see them typed. */
public final class Calls {
    private Calls() {}

    /** A call that may throw an I/O exception. */
    @FunctionalInterface
    public interface IoCall<T> {
        /**
         * Runs the call.
         *
         * @return the result
         * @throws IOException on transport failure
         */
        T call() throws IOException;
    }

    /**
     * Runs {@code call} under {@code guard}; any failure leaves as a Tributary exception.
     *
     * @param guard the index's guard
     * @param operation the operation name for messages
     * @param call the call
     * @return the result
     */
    public static <T> T run(Resilience guard, String operation, IoCall<T> call) {
        return guard.execute(operation, () -> {
            try {
                return call.call();
            } catch (IOException | RuntimeException e) {
                throw OpenSearchErrors.translate(e, operation);
            }
        });
    }

    /**
     * Sends a raw JSON request and returns the parsed JSON body; HTTP errors become Tributary exceptions.
     *
     * @param generic the generic client
     * @param json the mapper to parse the answer
     * @param method the HTTP method
     * @param endpoint the path, such as {@code /products-000001}
     * @param body the JSON body, or null
     * @param query query parameters
     * @param operation the operation name
     * @return the answer
     * @throws IOException on transport failure
     */
    public static JsonNode raw(OpenSearchGenericClient generic, ObjectMapper json, String method, String endpoint,
            String body, Map<String, String> query, String operation) throws IOException {
        var b = Requests.builder().method(method).endpoint(endpoint).query(query);
        if (body != null) {
            b.body(Body.from(body.getBytes(StandardCharsets.UTF_8), "application/json"));
        }
        try (Response r = generic.execute(b.build())) {
            String text = r.getBody().map(Body::bodyAsString).orElse("{}");
            JsonNode node = text.isBlank() ? json.createObjectNode() : json.readTree(text);
            if (r.getStatus() >= 300) {
                JsonNode error = node.path("error");
                throw OpenSearchErrors.service(operation, r.getStatus(),
                        error.isObject() ? error.path("type").asText(null) : null,
                        error.isObject() ? error.path("reason").asText(null) : error.asText(null), null);
            }
            return node;
        }
    }
}
