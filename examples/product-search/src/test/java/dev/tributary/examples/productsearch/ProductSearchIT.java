package dev.tributary.examples.productsearch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.opensearch.model.Hit;
import dev.tributary.opensearch.model.SearchPage;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@code demo} flow with 500 products through {@link Demo#run} against the embedded default (local
 * servers started by {@link Backends}, as the command line does without endpoint flags).
 */
class ProductSearchIT {

    @Test
    void demo_500Products_indexEqualsTableSearchMatchesWordStartsReconcileClean() {
        try (Backends backends = Backends.open(Options.parse("demo"), System.err)) {
            Demo.Result r = Demo.run(backends, 500, System.err);

            assertThat(r.problems()).isEmpty();
            assertThat(r.tableCount()).isEqualTo(500 - r.deletes());
            assertThat(r.indexCount()).isEqualTo(r.tableCount());

            SearchPage<Product> page = Searcher.search(backends.searchIndex(), "wire mou", 100);
            assertThat(page.hits()).isNotEmpty();
            assertThat(page.hits()).allSatisfy(ProductSearchIT::nameHasWordsStartingWithWireAndMou);
            assertThat(r.wireMou().hits()).isNotEmpty().allSatisfy(ProductSearchIT::nameHasWordsStartingWithWireAndMou);
            assertThat(Searcher.markedName(page.hits().get(0), false)).contains("[Wire").contains("[Mou");

            assertThat(r.reconcile().clean()).isTrue();
            assertThat(Sync.reconcile(backends).clean()).isTrue();
        }
    }

    private static void nameHasWordsStartingWithWireAndMou(Hit<Product> hit) {
        String[] words = String.valueOf(hit.source().getName()).toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
        assertThat(Arrays.stream(words).anyMatch(w -> w.startsWith("wire"))).as("name %s", hit.source().getName()).isTrue();
        assertThat(Arrays.stream(words).anyMatch(w -> w.startsWith("mou"))).as("name %s", hit.source().getName()).isTrue();
    }
}
