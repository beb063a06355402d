package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryServiceException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.model.Document;
import dev.tributary.opensearch.model.Hit;
import dev.tributary.opensearch.model.Refresh;
import dev.tributary.opensearch.model.SearchPage;
import dev.tributary.opensearch.model.SortOrder;
import dev.tributary.opensearch.model.WriteOptions;
import dev.tributary.opensearch.model.WriteResult;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OpenSearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchIndexIT {
    private final OpenSearchConnection connection;
    private final SearchIndex<Product> catalog;

    SearchIndexIT(LocalOpenSearch node) {
        this.connection = OpenSearchConnection.builder().url(node.url()).build();
        IndexSpec spec = IndexSpec.builder("catalog-" + System.nanoTime())
                .shards(1, 0)
                .text("name", 3).infix("name")
                .text("description")
                .keyword("brand")
                .number("price")
                .build();
        this.catalog = SearchIndex.create(connection, spec, Product.class);
    }

    @BeforeAll
    void load() {
        catalog.ensureExists();
        List<Product> products = List.of(
                new Product("1", "Wireless Mouse", "Ergonomic mouse with USB receiver", "Contoso", 24.90),
                new Product("2", "Wired Keyboard", "Full size keyboard", "Contoso", 19.50),
                new Product("3", "Wireless Headphones", "Noise cancelling over-ear", "Fabrikam", 129.00),
                new Product("4", "USB-C Cable", "Braided cable, 2 m", "Fabrikam", 9.99),
                new Product("5", "Gaming Mouse", "Wired mouse, 16000 dpi", "Northwind", 59.00),
                new Product("6", "Café Crème Mug", "Ceramic mug", "Northwind", 12.00));
        for (Product p : products) {
            catalog.put(p.id(), p);
        }
        catalog.refresh();
    }

    @AfterAll
    void drop() {
        catalog.drop();
        connection.close();
    }

    @Test
    void search_partialWords_matchesAcrossPrefixes() {
        // "Wired mouse" in a description matches too, but the name match ranks first.
        assertThat(catalog.search(SearchQuery.text("wire mou")).ids()).containsExactly("1", "5");
        assertThat(catalog.search(SearchQuery.builder().text("wire mou").fields("name").build()).ids())
                .containsExactly("1");
        assertThat(catalog.search(SearchQuery.text("keyb")).ids()).containsExactly("2");
        assertThat(catalog.search(SearchQuery.text("mouse")).ids()).containsExactlyInAnyOrder("1", "5");
    }

    @Test
    void search_hyphenatedWord_requiresEveryPart() {
        assertThat(catalog.search(SearchQuery.text("usb-c cab")).ids()).containsExactly("4");
    }

    @Test
    void search_infixAndAccents_matchInsideWordsAndFolded() {
        assertThat(catalog.search(SearchQuery.text("less")).ids()).containsExactlyInAnyOrder("1", "3");
        assertThat(catalog.search(SearchQuery.text("cafe creme")).ids()).containsExactly("6");
    }

    @Test
    void search_typo_matchesOnlyWhenFuzzy() {
        assertThat(catalog.search(SearchQuery.text("mosue")).ids()).isEmpty();
        assertThat(catalog.search(SearchQuery.builder().text("mosue").fuzzy().build()).ids())
                .containsExactlyInAnyOrder("1", "5");
    }

    @Test
    void search_highlight_marksWholeWords() {
        SearchPage<Product> page = catalog.search(SearchQuery.builder().text("wire mou").highlight().build());

        Hit<Product> hit = page.hits().get(0);
        assertThat(hit.source().name()).isEqualTo("Wireless Mouse");
        assertThat(hit.highlights().get("name")).singleElement().isEqualTo("<em>Wireless</em> <em>Mouse</em>");
        assertThat(hit.score()).isPositive();
    }

    @Test
    void search_filtersRangeAndSort_returnExpectedOrder() {
        SearchPage<Product> page = catalog.search(SearchQuery.builder()
                .filter("brand", "Fabrikam").range("price", 5, 200).sort("price", SortOrder.DESC).build());

        assertThat(page.ids()).containsExactly("3", "4");
        assertThat(page.total()).isEqualTo(2);
        assertThat(catalog.search(SearchQuery.builder().sort("name", SortOrder.ASC).size(2).build()).ids())
                .containsExactly("6", "5");
    }

    @Test
    void search_queryLikeUserText_isTreatedAsWordsNotSyntax() {
        assertThat(catalog.search(SearchQuery.text("mouse) OR (* AND name:[")).ids()).isEmpty();
        assertThat(catalog.search(SearchQuery.builder().simple("\"usb-c cable\" -mouse").build()).ids())
                .containsExactly("4");
    }

    @Test
    void search_paging_returnsDisjointPages() {
        SearchQuery q = SearchQuery.builder().sort("price", SortOrder.ASC).size(2).build();

        assertThat(catalog.search(q).ids()).containsExactly("4", "6");
        assertThat(catalog.search(q.page(2, 2)).ids()).containsExactly("2", "1");
    }

    @Test
    void crud_optimisticConcurrency_rejectsStaleWrites() {
        String id = "occ-" + System.nanoTime();
        WriteResult created = catalog.put(id, new Product(id, "Desk Lamp", "LED", "Contoso", 30),
                WriteOptions.builder().refresh(Refresh.WAIT_FOR).build());
        Document<Product> read = catalog.get(id).orElseThrow();
        catalog.put(id, new Product(id, "Desk Lamp 2", "LED", "Contoso", 31),
                WriteOptions.builder().ifMatch(read.seqNo(), read.primaryTerm()).build());

        assertThat(created.result()).isEqualTo("created");
        assertThatThrownBy(() -> catalog.put(id, new Product(id, "stale", "x", "x", 1),
                        WriteOptions.builder().ifMatch(read.seqNo(), read.primaryTerm()).build()))
                .isInstanceOf(TributaryServiceException.class)
                .satisfies(e -> {
                    assertThat(((TributaryServiceException) e).statusCode()).hasValue(409);
                    assertThat(((TributaryServiceException) e).retryable()).isFalse();
                });
        assertThat(catalog.get(id)).get().extracting(d -> d.source().name()).isEqualTo("Desk Lamp 2");
        assertThat(catalog.exists(id)).isTrue();
        assertThat(catalog.delete(id).result()).isEqualTo("deleted");
        assertThat(catalog.get(id)).isEmpty();
    }

    @Test
    void put_externalVersion_onlyNewerVersionsApply() {
        String id = "ext-" + System.nanoTime();
        catalog.put(id, new Product(id, "v5", "", "b", 5), WriteOptions.builder().externalVersion(5).build());

        assertThatThrownBy(() -> catalog.put(id, new Product(id, "v3", "", "b", 3),
                        WriteOptions.builder().externalVersion(3).build()))
                .isInstanceOf(TributaryServiceException.class)
                .hasMessageContaining("409");
        assertThat(catalog.get(id).orElseThrow().version()).isEqualTo(5);
        catalog.delete(id);
    }

    @Test
    void delete_missingDocument_isNotFoundNotAnError() {
        assertThat(catalog.delete("does-not-exist").result()).isEqualTo("not_found");
    }

    @Test
    void badInput_invalidIndexNames_areRefusedBeforeAnyCall() {
        for (String bad : new String[] {"Upper", "has space", "_under", "a/b", "a*", ".."}) {
            assertThatThrownBy(() -> IndexSpec.builder(bad)).as(bad).isInstanceOf(TributaryValidationException.class);
        }
    }

    @Test
    void badInput_documentNotFittingMapping_isTypedAndDoesNotLeakTheValue() {
        SearchIndex<Map> raw = SearchIndex.create(connection, catalog.spec(), Map.class);

        assertThatThrownBy(() -> raw.put("bad-1", Map.of("name", "x", "price", "secret-price-value")))
                .isInstanceOf(TributaryServiceException.class)
                .satisfies(e -> {
                    TributaryServiceException se = (TributaryServiceException) e;
                    assertThat(se.statusCode()).hasValue(400);
                    assertThat(se.errorCode()).contains("mapper_parsing_exception");
                    assertThat(se.getMessage()).doesNotContain("secret-price-value").contains("mapping");
                });
        assertThatThrownBy(() -> raw.put("bad-2", Map.of("brand", Map.of("nested", 1))))
                .isInstanceOf(TributaryServiceException.class);
    }

    /** A type Jackson cannot serialise. */
    public static final class Unserialisable {
        /** Always fails. */
        public String getValue() {
            throw new IllegalStateException("boom");
        }
    }

    @Test
    void badInput_unserialisableDocument_isRefusedBeforeWriting() {
        SearchIndex<Unserialisable> odd = SearchIndex.create(connection, catalog.spec(), Unserialisable.class);

        assertThatThrownBy(() -> odd.put("u-1", new Unserialisable()))
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("serialised");
        assertThat(catalog.exists("u-1")).isFalse();
    }

    @Test
    void ensureExists_twice_keepsOnePhysicalIndexBehindAlias() {
        assertThat(catalog.ensureExists()).isEqualTo(catalog.currentPhysical()).endsWith("-000001");
    }
}
