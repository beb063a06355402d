package dev.tributary.examples.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * Generates CloudWatch Logs subscription payloads as a subscription filter delivers them ({@code awslogs.data}:
 * base64 of gzip-compressed JSON), over ten minutes of an API service's logs: JSON lines with {@code level},
 * {@code latencyMs} and {@code path}, some plain-text lines, and one CONTROL_MESSAGE first. Also records what it
 * generated, so results can be checked. Deterministic for a seed.
 */
public final class LogGenerator {
    /** The log group of the generated events. */
    public static final String LOG_GROUP = "/app/api";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] PATHS = {"/api/orders", "/api/orders/{id}", "/api/users", "/api/cart", "/health"};
    private static final String[] PLAIN = {"GC pause (G1 Evacuation Pause) 23ms", "Connection pool stats: active=4 idle=6",
        "Read timeout on socket to db-1:5432, retrying", "Refreshing configuration from parameter store"};

    /**
     * What was generated.
     *
     * @param payloads the {@code awslogs.data} strings, control message first
     * @param dataEvents log events in data messages
     * @param plainLines events that are not JSON
     * @param timeoutLines events whose message contains "timeout"
     * @param errorsPerMinute ERROR events (JSON lines) by the minute they fall in
     */
    public record Generated(List<String> payloads, int dataEvents, int plainLines, int timeoutLines,
            Map<Instant, Integer> errorsPerMinute) {
        /** Returns the number of ERROR events. */
        public int errors() {
            return errorsPerMinute.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private LogGenerator() {}

    /**
     * Generates payloads covering ten minutes from {@code start}.
     *
     * @param start the first event time (truncated to the minute)
     * @param eventsPerPayload events per data message (one log stream per payload, as CloudWatch Logs batches)
     * @param payloads data messages to generate
     * @param seed the random seed
     * @return the payloads and what they hold
     */
    public static Generated generate(Instant start, int eventsPerPayload, int payloads, long seed) {
        Random random = new Random(seed);
        Instant t0 = start.truncatedTo(ChronoUnit.MINUTES);
        long span = Duration.ofMinutes(10).toMillis();
        int total = eventsPerPayload * payloads;
        List<String> out = new ArrayList<>();
        out.add(encode(control(t0.toEpochMilli())));
        Map<Instant, Integer> errors = new TreeMap<>();
        int plain = 0;
        int timeouts = 0;
        int n = 0;
        for (int p = 0; p < payloads; p++) {
            String stream = "api-" + (p % 3) + "/i-0" + Long.toHexString(0xabc000L + p % 3);
            ObjectNode root = JSON.createObjectNode().put("messageType", "DATA_MESSAGE").put("owner", "123456789012")
                    .put("logGroup", LOG_GROUP).put("logStream", stream);
            root.putArray("subscriptionFilters").add("to-opensearch");
            ArrayNode events = root.putArray("logEvents");
            for (int e = 0; e < eventsPerPayload; e++, n++) {
                long ts = t0.toEpochMilli() + span * n / total;
                String message;
                if (random.nextInt(10) == 0) {
                    message = PLAIN[random.nextInt(PLAIN.length)];
                    plain++;
                } else {
                    int roll = random.nextInt(100);
                    String level = roll < 12 ? "ERROR" : roll < 27 ? "WARN" : "INFO";
                    boolean timeout = level.equals("ERROR") && random.nextBoolean();
                    ObjectNode line = JSON.createObjectNode().put("level", level)
                            .put("latencyMs", timeout ? 3000 + random.nextInt(500) : 5 + random.nextInt(400))
                            .put("path", PATHS[random.nextInt(PATHS.length)])
                            .put("msg", timeout ? "upstream timeout calling payments" : level.equals("ERROR")
                                    ? "request failed: 500" : "request served");
                    message = line.toString();
                    if (level.equals("ERROR")) {
                        errors.merge(Instant.ofEpochMilli(ts).truncatedTo(ChronoUnit.MINUTES), 1, Integer::sum);
                    }
                }
                if (message.contains("timeout")) {
                    timeouts++;
                }
                events.addObject().put("id", eventId(ts, n)).put("timestamp", ts).put("message", message);
            }
            out.add(encode(root));
        }
        return new Generated(List.copyOf(out), total, plain, timeouts, Map.copyOf(errors));
    }

    /** A 56-digit id like CloudWatch Logs': unique per event, so it is a stable document id. */
    private static String eventId(long ts, int n) {
        return String.format("%038d%018d", ts, n);
    }

    private static ObjectNode control(long ts) {
        ObjectNode root = JSON.createObjectNode().put("messageType", "CONTROL_MESSAGE").put("owner", "CloudwatchLogs")
                .put("logGroup", "").put("logStream", "");
        root.putArray("subscriptionFilters");
        root.putArray("logEvents").addObject().put("id", "").put("timestamp", ts)
                .put("message", "CWL CONTROL MESSAGE: Checking health of destination Firehose.");
        return root;
    }

    private static String encode(ObjectNode payload) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(payload.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
