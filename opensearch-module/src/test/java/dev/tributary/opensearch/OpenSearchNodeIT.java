package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.apache.hc.core5.http.HttpHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.query_dsl.Operator;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.search.Hit;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;

/** Proves the test kit's OpenSearch node serves opensearch-java, with edge_ngram analysis available. */
@ExtendWith(OpenSearchExtension.class)
class OpenSearchNodeIT {
    private final OpenSearchTransport transport;
    private final OpenSearchClient client;
    private final String index = "products-" + System.nanoTime();

    OpenSearchNodeIT(LocalOpenSearch node) {
        HttpHost host = new HttpHost(node.url().getScheme(), node.url().getHost(), node.url().getPort());
        this.transport = ApacheHttpClient5TransportBuilder.builder(host).setMapper(new JacksonJsonpMapper()).build();
        this.client = new OpenSearchClient(transport);
    }

    @AfterEach
    void cleanUp() throws IOException {
        client.indices().delete(d -> d.index(index));
        transport.close();
    }

    @Test
    void search_partialWords_matchesThroughEdgeNgrams() throws IOException {
        client.indices().create(c -> c.index(index)
                .settings(st -> st.analysis(a -> a
                        .filter("prefix", f -> f.definition(d -> d.edgeNgram(e -> e.minGram(2).maxGram(15))))
                        .analyzer("prefix", an -> an.custom(cu -> cu.tokenizer("standard")
                                .filter("lowercase", "asciifolding", "prefix")))))
                .mappings(m -> m.properties("name", p -> p.text(t -> t.analyzer("prefix").searchAnalyzer("standard")))));
        client.index(i -> i.index(index).id("1").document(Map.of("name", "Wireless Mouse")));
        client.index(i -> i.index(index).id("2").document(Map.of("name", "Wired Keyboard")));
        client.index(i -> i.index(index).id("3").document(Map.of("name", "USB Cable")).refresh(Refresh.True));

        SearchResponse<Map> response = client.search(s -> s.index(index)
                        .query(q -> q.match(m -> m.field("name").query(v -> v.stringValue("wire mou"))
                                .operator(Operator.And))),
                Map.class);

        List<String> ids = response.hits().hits().stream().map(Hit::id).toList();
        assertThat(ids).containsExactly("1");
        assertThat(client.info().version().number()).startsWith("2.");
    }
}
