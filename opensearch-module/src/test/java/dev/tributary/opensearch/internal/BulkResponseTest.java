package dev.tributary.opensearch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BulkResponseTest {
    private static BulkResponse read(String json, int expected) throws Exception {
        return BulkResponse.read(new JsonFactory(), new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
                expected);
    }

    @Test
    void read_mixedItems_givesStatusAndErrorPerPosition() throws Exception {
        BulkResponse r = read("{\"took\":3,\"errors\":true,\"items\":["
                + "{\"index\":{\"_id\":\"a\",\"status\":201,\"_shards\":{\"total\":1}}},"
                + "{\"create\":{\"status\":409,\"error\":{\"type\":\"version_conflict_engine_exception\","
                + "\"reason\":\"conflict\",\"caused_by\":{\"type\":\"x\"}}}},"
                + "{\"delete\":{\"status\":404}},"
                + "{\"index\":{\"status\":429,\"error\":{\"type\":\"es_rejected_execution_exception\"}}}]}", 4);

        assertThat(r.status(0)).isEqualTo(201);
        assertThat(r.type(0)).isNull();
        assertThat(r.status(1)).isEqualTo(409);
        assertThat(r.type(1)).isEqualTo("version_conflict_engine_exception");
        assertThat(r.reason(1)).isEqualTo("conflict");
        assertThat(r.status(2)).isEqualTo(404);
        assertThat(r.status(3)).isEqualTo(429);
        assertThat(r.reason(3)).isNull();
    }

    @Test
    void read_fewerItemsThanSent_marksTheRestMissing() throws Exception {
        BulkResponse r = read("{\"errors\":false,\"items\":[{\"index\":{\"status\":200}}]}", 3);

        assertThat(r.status(0)).isEqualTo(200);
        assertThat(r.status(1)).isEqualTo(BulkResponse.MISSING);
        assertThat(r.status(2)).isEqualTo(BulkResponse.MISSING);
    }

    @Test
    void read_emptyOrItemlessBody_marksEveryItemMissing() throws Exception {
        assertThat(read("", 2).status(1)).isEqualTo(BulkResponse.MISSING);
        assertThat(read("{\"took\":1,\"errors\":false}", 1).status(0)).isEqualTo(BulkResponse.MISSING);
    }

    @Test
    void read_indexAndVersion_givenPerItemWithOneStringPerIndex() throws Exception {
        BulkResponse r = read("{\"errors\":false,\"items\":["
                + "{\"index\":{\"_index\":\"products-2\",\"_version\":7,\"status\":200}},"
                + "{\"delete\":{\"_index\":\"products-2\",\"_version\":1700000000,\"status\":200}},"
                + "{\"index\":{\"_index\":\"products-3\",\"status\":201}}]}", 3);

        assertThat(r.index(0)).isEqualTo("products-2");
        assertThat(r.version(0)).isEqualTo(7);
        assertThat(r.index(1)).isSameAs(r.index(0));
        assertThat(r.version(1)).isEqualTo(1_700_000_000L);
        assertThat(r.index(2)).isEqualTo("products-3");
        assertThat(r.version(2)).isEqualTo(-1);
    }
}
