package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogIndicesTest {

    @Test
    void ismPolicy_thirtyDays_hotThenDeleteAttachedToPattern() {
        JsonNode policy = LogIndices.ismPolicy(new ObjectMapper(), "logs-app*", Duration.ofDays(30)).path("policy");

        assertThat(policy.path("default_state").asText()).isEqualTo("hot");
        JsonNode hot = policy.path("states").get(0);
        assertThat(hot.path("transitions").get(0).path("state_name").asText()).isEqualTo("delete");
        assertThat(hot.path("transitions").get(0).path("conditions").path("min_index_age").asText())
                .isEqualTo("2592000s");
        JsonNode delete = policy.path("states").get(1);
        assertThat(delete.path("name").asText()).isEqualTo("delete");
        assertThat(delete.path("actions").get(0).has("delete")).isTrue();
        assertThat(policy.path("ism_template").get(0).path("index_patterns").get(0).asText()).isEqualTo("logs-app*");
    }
}
