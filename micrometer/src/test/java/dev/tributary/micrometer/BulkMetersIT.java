package dev.tributary.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ResilienceSettings;
import dev.tributary.opensearch.BulkIndexer;
import dev.tributary.opensearch.BulkListener;
import dev.tributary.opensearch.IndexSpec;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OpenSearchExtension.class)
class BulkMetersIT {
    private final LocalOpenSearch node;
    private final MeterRegistry registry = new SimpleMeterRegistry();

    BulkMetersIT(LocalOpenSearch node) {
        this.node = node;
    }

    @Test
    void index_oneMalformedInThousand_countsDocsByOutcomeBytesAndLatency() {
        String name = "meters-" + System.nanoTime();
        AtomicLong ownSucceeded = new AtomicLong();
        try (OpenSearchConnection connection = OpenSearchConnection.builder().url(node.url())
                .resilience(ResilienceMeters.bind(ResilienceSettings.defaults(), registry)).build()) {
            SearchIndex<Map> index = SearchIndex.create(connection,
                    IndexSpec.builder(name).shards(1, 0).number("price").build(), Map.class);
            index.ensureExists();
            try {
                try (BulkIndexer<Map> bulk = BulkIndexer.<Map>builder(connection, name).maxActions(250)
                        .failureHandler(f -> {})
                        .listener(BulkListener.both(BulkMeters.create(registry, name), new BulkListener() {
                            @Override
                            public void afterBulk(long id, int succeeded, int retried, int failed, long took) {
                                ownSucceeded.addAndGet(succeeded);
                            }
                        }))
                        .build()) {
                    for (int i = 0; i < 1000; i++) {
                        bulk.index("d" + i, Map.of("price", i == 500 ? "not-a-number" : (Object) i));
                    }
                }

                assertThat(registry.get("tributary.bulk.docs").tags("index", name, "outcome", "succeeded")
                        .counter().count()).isEqualTo(999);
                assertThat(registry.get("tributary.bulk.docs").tags("index", name, "outcome", "failed")
                        .counter().count()).isEqualTo(1);
                assertThat(registry.get("tributary.bulk.requests").tag("index", name).counter().count())
                        .isGreaterThanOrEqualTo(4);
                assertThat(registry.get("tributary.bulk.bytes").tag("index", name).summary().totalAmount())
                        .isGreaterThan(1000 * 10);
                assertThat(registry.get("tributary.bulk.latency").tag("index", name).timer().count())
                        .isGreaterThanOrEqualTo(4);
                assertThat(ownSucceeded).hasValue(999);
                assertThat(registry.find("resilience4j.circuitbreaker.state").tag("name", "opensearch." + name)
                        .tag("state", "closed").gauge())
                        .as("the index's circuit breaker is measured").isNotNull()
                        .satisfies(g -> assertThat(g.value()).isEqualTo(1));
            } finally {
                index.drop();
            }
        }
    }
}
