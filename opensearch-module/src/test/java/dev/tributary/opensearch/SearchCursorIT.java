package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.opensearch.model.Hit;
import dev.tributary.opensearch.model.SearchPage;
import dev.tributary.opensearch.model.SortOrder;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.OpenSearchExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** search_after cursors over 1,037 documents whose sort field has only five values (ties everywhere). */
@ExtendWith(OpenSearchExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchCursorIT {
    /** Test document. */
    record Item(String id, int group, String name) {}

    private static final int DOCS = 1037;
    private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_.-]+");

    private final OpenSearchConnection connection;
    private final SearchIndex<Item> items;
    private final SearchIndex<Item> other;

    SearchCursorIT(LocalOpenSearch node) {
        this.connection = OpenSearchConnection.builder().url(node.url()).build();
        IndexSpec.Builder spec = IndexSpec.builder("cursor-" + System.nanoTime()).shards(2, 0).keyword("id")
                .integer("group").text("name");
        this.items = SearchIndex.create(connection, spec.build(), Item.class);
        this.other = SearchIndex.create(connection, IndexSpec.builder("cursor-other-" + System.nanoTime()).shards(1, 0)
                .keyword("id").integer("group").text("name").build(), Item.class);
    }

    @BeforeAll
    void load() {
        items.ensureExists();
        other.ensureExists();
        for (int i = 0; i < DOCS; i++) {
            items.put("d" + i, new Item("d" + i, i % 5, i % 2 == 0 ? "even widget " + i : "odd gadget " + i));
        }
        for (int i = 0; i < 300; i++) {
            other.put("d" + i, new Item("d" + i, i % 5, "widget"));
        }
        items.refresh();
        other.refresh();
    }

    @AfterAll
    void drop() {
        items.drop();
        other.drop();
        connection.close();
    }

    @Test
    void after_tiedSortFieldWithIdTieBreaker_everyDocumentExactlyOnce() {
        List<String> ids = readAll(items, SearchQuery.builder().sort("group", SortOrder.ASC).cursorPaging().size(100)
                .build());

        assertThat(ids).hasSize(DOCS).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).hasSize(DOCS);
    }

    @Test
    void after_keywordTieBreakerDescendingSort_everyDocumentExactlyOnceInOrder() {
        List<Hit<Item>> hits = new ArrayList<>();
        SearchQuery q = SearchQuery.builder().sort("group", SortOrder.DESC).tieBreaker("id").cursorPaging().size(97)
                .build();
        for (int pages = 0; pages < 100; pages++) {
            SearchPage<Item> page = items.search(q);
            hits.addAll(page.hits());
            if (page.nextCursor().isEmpty()) {
                break;
            }
            q = q.after(page.nextCursor().get());
        }

        assertThat(hits).extracting(Hit::id).hasSize(DOCS).doesNotHaveDuplicates();
        List<Integer> groups = hits.stream().map(h -> h.source().group()).toList();
        assertThat(groups).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    }

    @Test
    void after_scoreOrderWithText_everyMatchExactlyOnce() {
        // Every match scores the same for a single common word: a tie across all 519 "even" documents.
        List<String> ids = readAll(items, SearchQuery.builder().text("even").cursorPaging().size(50).build());

        assertThat(ids).hasSize(519).doesNotHaveDuplicates();
    }

    @Test
    void nextCursor_lastPageAndExactMultiple_absent() {
        SearchQuery q = SearchQuery.builder().filter("group", 0).sort("group", SortOrder.ASC).cursorPaging().size(104)
                .build();
        SearchPage<Item> first = items.search(q);
        assertThat(first.total()).isEqualTo(208);
        assertThat(first.nextCursor()).hasValueSatisfying(c -> assertThat(c).matches(URL_SAFE));
        SearchPage<Item> second = items.search(q.after(first.nextCursor().get()));
        assertThat(second.hits()).hasSize(104);
        assertThat(second.nextCursor()).isEmpty();
        assertThat(items.search(SearchQuery.builder().size(10).build()).nextCursor()).isEmpty();
    }

    @Test
    void after_cursorOfAnotherQueryOrIndex_refusedWithOtherQuery() {
        SearchQuery q = SearchQuery.builder().sort("group", SortOrder.ASC).cursorPaging().size(10).build();
        String cursor = items.search(q).nextCursor().orElseThrow();

        SearchQuery filtered = SearchQuery.builder().filter("group", 1).sort("group", SortOrder.ASC).after(cursor)
                .size(10).build();
        assertThatThrownBy(() -> items.search(filtered)).isInstanceOfSatisfying(SearchCursorException.class,
                e -> assertThat(e.reason()).isEqualTo(SearchCursorException.Reason.OTHER_QUERY));
        SearchQuery reversed = SearchQuery.builder().sort("group", SortOrder.DESC).after(cursor).size(10).build();
        assertThatThrownBy(() -> items.search(reversed)).isInstanceOfSatisfying(SearchCursorException.class,
                e -> assertThat(e.reason()).isEqualTo(SearchCursorException.Reason.OTHER_QUERY));
        assertThatThrownBy(() -> other.search(q.after(cursor))).isInstanceOfSatisfying(SearchCursorException.class,
                e -> assertThat(e.reason()).isEqualTo(SearchCursorException.Reason.OTHER_QUERY));
        // The same query with another page size continues fine.
        assertThat(items.search(q.toBuilder().size(5).after(cursor).build()).hits()).hasSize(5);
    }

    @Test
    void after_tamperedOrForeignCursor_refusedBeforeSearching() {
        SearchQuery q = SearchQuery.builder().sort("group", SortOrder.ASC).cursorPaging().size(10).build();
        String cursor = items.search(q).nextCursor().orElseThrow();
        int dot = cursor.indexOf('.');
        char c = cursor.charAt(dot / 2);
        String tampered = cursor.substring(0, dot / 2) + (c == 'A' ? 'B' : 'A') + cursor.substring(dot / 2 + 1);

        assertThatThrownBy(() -> q.after(tampered)).isInstanceOfSatisfying(SearchCursorException.class,
                e -> assertThat(e.reason()).isIn(SearchCursorException.Reason.TAMPERED,
                        SearchCursorException.Reason.MALFORMED));
        assertThatThrownBy(() -> q.after("eyJvZmZzZXQiOjEwfQ")).isInstanceOfSatisfying(SearchCursorException.class,
                e -> assertThat(e.reason()).isEqualTo(SearchCursorException.Reason.MALFORMED));
        assertThatThrownBy(() -> q.after(cursor.substring(0, cursor.length() - 2)))
                .isInstanceOf(SearchCursorException.class).hasMessageNotContaining(cursor.substring(0, dot));
    }

    private static List<String> readAll(SearchIndex<Item> index, SearchQuery first) {
        List<String> ids = new ArrayList<>();
        SearchQuery q = first;
        // Bounded: a cursor that never ends fails the test instead of hanging it.
        for (int pages = 0; pages < 200; pages++) {
            SearchPage<Item> page = index.search(q);
            ids.addAll(page.ids());
            if (page.nextCursor().isEmpty()) {
                return ids;
            }
            q = q.after(page.nextCursor().get());
        }
        throw new AssertionError("more than 200 pages for " + ids.size() + " ids");
    }
}
