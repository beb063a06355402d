package dev.tributary.opensearch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.opensearch.ingest.CloudWatchLogsPayload.LogEvent;
import dev.tributary.opensearch.ingest.CloudWatchLogsPayload.MessageType;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogDocumentsTest {
    private static final CloudWatchLogsPayload PAYLOAD = new CloudWatchLogsPayload(MessageType.DATA_MESSAGE,
            "111111111111", "/app/api", "i-0abc", List.of("f"), List.of());

    @Test
    void document_jsonObjectMessage_fieldsUnderFields() {
        LogEvent e = new LogEvent("e1", 1440442987001L, "{\"level\":\"ERROR\",\"message\":\"boom\",\"n\":3}");

        ObjectNode doc = LogDocuments.document(PAYLOAD, e, true, false);

        assertThat(doc.path("@timestamp").asText()).isEqualTo("2015-08-24T19:03:07.001Z");
        assertThat(doc.path("message").asText()).isEqualTo(e.message());
        assertThat(doc.path("logGroup").asText()).isEqualTo("/app/api");
        assertThat(doc.path("logStream").asText()).isEqualTo("i-0abc");
        assertThat(doc.path("owner").asText()).isEqualTo("111111111111");
        assertThat(doc.path("fields").path("level").asText()).isEqualTo("ERROR");
        assertThat(doc.path("fields").path("message").asText()).isEqualTo("boom");
        assertThat(doc.path("fields").path("n").asInt()).isEqualTo(3);
        assertThat(doc.has("id")).isFalse();
    }

    @Test
    void document_plainText_noFields() {
        ObjectNode doc = LogDocuments.document(PAYLOAD, new LogEvent("e1", 0L, "GET /health 200"), true, true);

        assertThat(doc.has("fields")).isFalse();
        assertThat(doc.path("id").asText()).isEqualTo("e1");
        assertThat(doc.path("@timestamp").asText()).isEqualTo("1970-01-01T00:00:00Z");
    }

    @Test
    void document_parsingOff_noFields() {
        ObjectNode doc = LogDocuments.document(PAYLOAD, new LogEvent("e1", 0L, "{\"a\":1}"), false, false);

        assertThat(doc.has("fields")).isFalse();
    }

    @Test
    void parseObject_notAnObject_null() {
        assertThat(LogDocuments.parseObject("[1,2]")).isNull();
        assertThat(LogDocuments.parseObject("{\"a\":1} trailing")).isNull();
        assertThat(LogDocuments.parseObject("{broken")).isNull();
        assertThat(LogDocuments.parseObject("")).isNull();
        assertThat(LogDocuments.parseObject("  {\"a\":1}  ")).isNotNull();
    }
}
