package dev.tributary.examples.logs;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.ingest.CloudWatchLogsIngester;
import dev.tributary.opensearch.ingest.CloudWatchLogsPayload;
import dev.tributary.opensearch.ingest.IngestResult;
import dev.tributary.testkit.LocalOpenSearch;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import software.amazon.awssdk.regions.Region;

/**
 * CloudWatch Logs subscription payloads -> OpenSearch: generates ten minutes of an API's logs as subscription
 * payloads (base64 gzip JSON, one CONTROL_MESSAGE among them), ingests them with {@link CloudWatchLogsIngester}
 * into daily indices {@code logs-app-yyyy.MM.dd}, then searches them with typed queries and aggregations
 * ({@link LogSearches}): a full-text search, errors per minute (date histogram), a per-level summary (terms with
 * stats and the slowest line as top hits) and every timeout line read page by page with cursors.
 *
 * <p>Command {@code demo} (the only one). Flags: {@code --opensearch-url URL} (default: an OpenSearch node started
 * in-process) with {@code --aws-region REGION} for SigV4 (Amazon OpenSearch Service), {@code --index PREFIX}
 * ({@code logs-app}), {@code --payloads N} (40) and {@code --events N} (25 per payload), {@code --json};
 * {@code --help} lists them ({@link Options}, parsed by picocli).
 */
public final class LogAnalytics {

    private LogAnalytics() {}

    /** The outcome of {@link #demo}. */
    record DemoResult(LogGenerator.Generated generated, IngestResult ingested, List<String> indices, long documents,
            long timeoutHits, long errorHits, List<String> latestTimeouts, Map<Instant, Long> errorsPerMinute,
            List<LogSearches.LevelSummary> levels, List<String> pagedTimeouts) {}

    /**
     * Runs the example; exits with 2 on a usage error (printed with the usage) and 1 when the example fails.
     *
     * @param args the command and flags, see the class comment
     */
    public static void main(String[] args) {
        int code = new CommandLine(new Options()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the example with parsed options.
     *
     * @param flags the command and flags
     * @throws Exception when the example fails
     */
    static void run(Options flags) throws Exception {
        LocalOpenSearch local = null;
        String url;
        if (flags.openSearchUrl != null) {
            url = flags.openSearchUrl;
        } else {
            System.err.println("Starting an OpenSearch node (embedded default) ...");
            local = LocalOpenSearch.start();
            url = local.url().toString();
        }
        OpenSearchConnection.Builder b = OpenSearchConnection.builder().url(url);
        if (flags.awsRegion != null) {
            b.aws(Region.of(flags.awsRegion), OpenSearchConnection.AwsService.ES);
        }
        try (OpenSearchConnection os = b.build()) {
            LogGenerator.Generated g = LogGenerator.generate(Instant.now().minus(10, ChronoUnit.MINUTES),
                    flags.events, flags.payloads, 42);
            DemoResult r = demo(os, flags.index, g);
            print(flags.json, r);
            Map<Instant, Long> expected = new LinkedHashMap<>();
            g.errorsPerMinute().forEach((k, v) -> expected.put(k, v.longValue()));
            if (!r.errorsPerMinute().equals(expected) || r.documents() != g.dataEvents()) {
                throw new IllegalStateException("indexed data differs from what was generated");
            }
        } finally {
            close(local);
        }
    }

    /**
     * Ingests the generated payloads and runs the searches.
     *
     * @param os the connection
     * @param prefix the daily index prefix
     * @param g the generated payloads
     * @return what was indexed and found
     */
    static DemoResult demo(OpenSearchConnection os, String prefix, LogGenerator.Generated g) {
        IngestResult ingested;
        try (CloudWatchLogsIngester ingester = CloudWatchLogsIngester.builder().connection(os).dailyIndices(prefix).build()) {
            // As a Lambda subscriber would: decode awslogs.data, ingest; the control message is dropped.
            ingested = ingester.ingest(g.payloads().stream().map(CloudWatchLogsPayload::decode).toList());
        }
        LogSearches search = new LogSearches(os, prefix + "-*");
        search.refresh();
        return new DemoResult(g, ingested, search.indices(), search.countAll(),
                search.count(LogSearches.text("timeout")), search.count(LogSearches.ERRORS),
                search.messages(LogSearches.text("timeout"), 3), search.errorsPerMinute(), search.levels(),
                search.allMessages(LogSearches.text("timeout"), 20));
    }

    private static void print(boolean json, DemoResult r) throws Exception {
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("payloads", r.generated().payloads().size());
            out.put("ingested", r.ingested());
            out.put("indices", r.indices());
            out.put("documents", r.documents());
            out.put("timeoutHits", r.timeoutHits());
            out.put("errorHits", r.errorHits());
            Map<String, Long> perMinute = new LinkedHashMap<>();
            r.errorsPerMinute().forEach((k, v) -> perMinute.put(k.toString(), v));
            out.put("errorsPerMinute", perMinute);
            out.put("levels", r.levels());
            out.put("timeoutsReadByCursor", r.pagedTimeouts().size());
            System.out.println(new ObjectMapper().findAndRegisterModules().writeValueAsString(out));
            return;
        }
        IngestResult i = r.ingested();
        System.out.printf("Ingested %d payloads: %d documents written, %d control message(s) dropped, %d failed%n",
                r.generated().payloads().size(), i.succeeded(), i.droppedControlMessages(), i.failures().size());
        System.out.printf("Indices: %s, %d documents (%d plain-text lines)%n", r.indices(), r.documents(),
                r.generated().plainLines());
        System.out.printf("Search \"timeout\": %d hits; newest:%n", r.timeoutHits());
        r.latestTimeouts().forEach(m -> System.out.println("  " + m));
        System.out.printf("Filter fields.level=ERROR: %d hits%n", r.errorHits());
        System.out.println("Errors per minute:");
        System.out.println("  minute (UTC)          errors");
        r.errorsPerMinute().forEach((k, v) -> System.out.printf("  %-20s  %6d  %s%n", k, v, "#".repeat(v.intValue())));
        System.out.println("Levels (terms on fields.level, stats of fields.latencyMs, slowest line as top hit):");
        System.out.println("  level   lines  avg ms  max ms  slowest");
        r.levels().forEach(l -> System.out.printf("  %-6s %6d %7.1f %7.0f  %s%n", l.level(), l.lines(), l.avgLatencyMs(),
                l.maxLatencyMs(), l.slowest()));
        System.out.printf("Read %d \"timeout\" lines 20 per page with search_after cursors%n", r.pagedTimeouts().size());
    }

    private static void close(@Nullable LocalOpenSearch local) {
        if (local != null) {
            local.close();
        }
    }
}
