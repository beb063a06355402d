package dev.tributary.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.internal.Cursors;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.FieldValue;

class SearchQueryCursorTest {

    @Test
    void build_fromWithCursorPaging_refusedNamingFrom() {
        assertThatThrownBy(() -> SearchQuery.builder().cursorPaging().from(10).build())
                .isInstanceOfSatisfying(TributaryValidationException.class, e -> assertThat(e.field()).isEqualTo("from"));
        assertThatThrownBy(() -> SearchQuery.builder().tieBreaker(" ").build())
                .isInstanceOfSatisfying(TributaryValidationException.class,
                        e -> assertThat(e.field()).isEqualTo("tieBreaker"));
    }

    @Test
    void after_validCursor_impliesCursorPagingAndKeepsTheRest() {
        SearchQuery q = SearchQuery.builder().text("mouse").size(7).build();
        String cursor = Cursors.encode(Cursors.fingerprint("i", q), 7, List.of(FieldValue.of("d1")));

        SearchQuery next = q.after(cursor);

        assertThat(q.cursorPaging()).isFalse();
        assertThat(next.cursorPaging()).isTrue();
        assertThat(next.after()).contains(cursor);
        assertThat(next.text()).contains("mouse");
        assertThat(next.size()).isEqualTo(7);
        assertThat(next.toBuilder().after(null).cursorPaging().build().after()).isEmpty();
    }

    @Test
    void after_garbage_refusedAtBuildWithTypedReason() {
        assertThatThrownBy(() -> SearchQuery.all().after("page=2"))
                .isInstanceOfSatisfying(SearchCursorException.class, e -> {
                    assertThat(e.reason()).isEqualTo(SearchCursorException.Reason.MALFORMED);
                    assertThat(e.getMessage()).startsWith("cursor: ").doesNotContain("page=2");
                });
    }
}
