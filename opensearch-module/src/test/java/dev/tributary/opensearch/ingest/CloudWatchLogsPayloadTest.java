package dev.tributary.opensearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.ingest.CloudWatchLogsPayload.LogEvent;
import dev.tributary.opensearch.ingest.CloudWatchLogsPayload.MessageType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CloudWatchLogsPayloadTest {

    @Test
    void decode_lambdaDeveloperGuideSample_readsEveryField() {
        CloudWatchLogsPayload p = CloudWatchLogsPayload.decode(Payloads.LAMBDA_DOC_SAMPLE);

        assertThat(p.messageType()).isEqualTo(MessageType.DATA_MESSAGE);
        assertThat(p.owner()).isEqualTo("123456789123");
        assertThat(p.logGroup()).isEqualTo("testLogGroup");
        assertThat(p.logStream()).isEqualTo("testLogStream");
        assertThat(p.subscriptionFilters()).containsExactly("testFilter");
        assertThat(p.logEvents()).containsExactly(
                new LogEvent("eventId1", 1440442987000L, "[ERROR] First test message"),
                new LogEvent("eventId2", 1440442987001L, "[ERROR] Second test message"));
        assertThat(p.logEvents().get(0).time()).isEqualTo(Instant.parse("2015-08-24T19:03:07Z"));
        assertThat(p.isControl()).isFalse();
    }

    @Test
    void decode_gzipBytesAsInKinesisRecord_sameAsBase64() {
        String json = Payloads.dataJson("CloudTrail/logs", "111111111111_CloudTrail/logs_us-east-1",
                "31953106606966983378809025079804211143289615424298221568", 1432826855000L,
                "{\"eventVersion\":\"1.03\",\"userIdentity\":{\"type\":\"Root\"}}");

        CloudWatchLogsPayload fromBytes = CloudWatchLogsPayload.decode(Payloads.gzip(json));
        CloudWatchLogsPayload fromBase64 = CloudWatchLogsPayload.decode(Payloads.base64Gzip(json));

        assertThat(fromBytes).isEqualTo(fromBase64);
        assertThat(fromBytes.logGroup()).isEqualTo("CloudTrail/logs");
        assertThat(fromBytes.logEvents()).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("31953106606966983378809025079804211143289615424298221568");
            assertThat(e.message()).startsWith("{\"eventVersion\"");
        });
    }

    @Test
    void decode_plainJsonBytes_acceptedWithoutGzip() {
        String json = Payloads.dataJson("g", "s", "e1", 1L, "hello");

        assertThat(CloudWatchLogsPayload.decode(json.getBytes(StandardCharsets.UTF_8)).logEvents()).hasSize(1);
    }

    @Test
    void decode_base64WithLineBreaks_ignoresWhitespace() {
        String wrapped = Payloads.LAMBDA_DOC_SAMPLE.substring(0, 40) + "\n" + Payloads.LAMBDA_DOC_SAMPLE.substring(40);

        assertThat(CloudWatchLogsPayload.decode(wrapped).logEvents()).hasSize(2);
    }

    @Test
    void decode_controlMessage_isControlWithEmptyGroup() {
        CloudWatchLogsPayload p = CloudWatchLogsPayload.decode(Payloads.base64Gzip(Payloads.CONTROL_JSON));

        assertThat(p.messageType()).isEqualTo(MessageType.CONTROL_MESSAGE);
        assertThat(p.isControl()).isTrue();
        assertThat(p.owner()).isEqualTo("CloudwatchLogs");
        assertThat(p.logGroup()).isEmpty();
        assertThat(p.logEvents()).singleElement().satisfies(e -> assertThat(e.id()).isEmpty());
    }

    @Test
    void decode_notBase64_throwsValidation() {
        assertThatThrownBy(() -> CloudWatchLogsPayload.decode("not*base64!"))
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("base64")
                .satisfies(e -> assertThat(((TributaryValidationException) e).field()).isEqualTo("payload"));
    }

    @Test
    void decode_truncatedGzip_throwsValidationNamingGzip() {
        byte[] gz = Payloads.gzip(Payloads.dataJson("g", "s", "e1", 1L, "secret-token-123"));
        byte[] truncated = Arrays.copyOf(gz, gz.length / 2);

        assertThatThrownBy(() -> CloudWatchLogsPayload.decode(truncated))
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("gzip")
                .hasMessageNotContaining("secret-token-123");
    }

    @Test
    void decode_brokenJsonInsideGzip_throwsWithoutEchoingContent() {
        String broken = "{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,"
                + "\"message\":\"password=hunter2\"";
        String base64 = Base64.getEncoder().encodeToString(Payloads.gzip(broken));

        assertThatThrownBy(() -> CloudWatchLogsPayload.decode(base64))
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void decode_randomBytes_throwsValidation() {
        assertThatThrownBy(() -> CloudWatchLogsPayload.decode(new byte[] {1, 2, 3, 4}))
                .isInstanceOf(TributaryValidationException.class);
        assertThatThrownBy(() -> CloudWatchLogsPayload.decode(new byte[0]))
                .isInstanceOf(TributaryValidationException.class);
    }

    @Test
    void decode_unknownMessageType_throwsNamingField() {
        String json = Payloads.dataJson("g", "s", "e1", 1L, "m").replace("DATA_MESSAGE", "OTHER");

        assertThatThrownBy(() -> CloudWatchLogsPayload.decode(Payloads.gzip(json)))
                .isInstanceOf(TributaryValidationException.class)
                .satisfies(e -> assertThat(((TributaryValidationException) e).field()).isEqualTo("messageType"));
    }

    @Test
    void decode_missingLogEvents_throwsNamingField() {
        String json = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logGroup\":\"g\",\"logStream\":\"s\"}";

        assertThatThrownBy(() -> CloudWatchLogsPayload.decode(Payloads.gzip(json)))
                .isInstanceOf(TributaryValidationException.class)
                .satisfies(e -> assertThat(((TributaryValidationException) e).field()).isEqualTo("logEvents"));
    }

    @Test
    void decode_timestampAsText_throwsNamingEvent() {
        String json = Payloads.dataJson("g", "s", "e1", 1L, "m", "e2", 2L, "m").replace("\"timestamp\":2", "\"timestamp\":\"2\"");

        assertThatThrownBy(() -> CloudWatchLogsPayload.decode(Payloads.gzip(json)))
                .isInstanceOf(TributaryValidationException.class)
                .satisfies(e -> assertThat(((TributaryValidationException) e).field()).isEqualTo("logEvents[1].timestamp"));
    }

    @Test
    void decode_dataEventWithoutId_throws() {
        String json = Payloads.dataJson("g", "s", "", 1L, "m");

        assertThatThrownBy(() -> CloudWatchLogsPayload.decode(Payloads.gzip(json)))
                .isInstanceOf(TributaryValidationException.class)
                .satisfies(e -> assertThat(((TributaryValidationException) e).field()).isEqualTo("logEvents[0].id"));
    }

    @Test
    void decode_gzipBomb_refusedAboveLimit() {
        byte[] bomb = Payloads.gzip(new byte[CloudWatchLogsPayload.MAX_DECOMPRESSED_BYTES + 1024]);

        assertThatThrownBy(() -> CloudWatchLogsPayload.decode(bomb))
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("decompresses to more than");
    }

    @Test
    void toString_payloadAndEvent_neverShowMessages() {
        CloudWatchLogsPayload p = CloudWatchLogsPayload.decode(Payloads.LAMBDA_DOC_SAMPLE);

        assertThat(p.toString()).contains("testLogGroup", "logEvents=2").doesNotContain("First test message");
        assertThat(p.logEvents().get(0).toString()).contains("eventId1").doesNotContain("First test message");
    }
}
