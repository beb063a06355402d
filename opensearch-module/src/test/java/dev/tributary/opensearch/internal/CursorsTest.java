package dev.tributary.opensearch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.opensearch.SearchCursorException;
import dev.tributary.opensearch.SearchQuery;
import dev.tributary.opensearch.model.SortOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.FieldValue;

class CursorsTest {

    @Test
    void decode_encodedValues_sameTypesAndValues() {
        List<FieldValue> values = List.of(FieldValue.of(42L), FieldValue.of(1.5), FieldValue.of(3.0), FieldValue.of("d7"),
                FieldValue.of(true), FieldValue.NULL, FieldValue.of(Long.MAX_VALUE));

        Cursors.Cursor c = Cursors.decode(Cursors.encode("fp", 300, values));

        assertThat(c.fingerprint()).isEqualTo("fp");
        assertThat(c.seen()).isEqualTo(300);
        assertThat(c.sortValues()).extracting(FieldValue::_kind).containsExactly(FieldValue.Kind.Long,
                FieldValue.Kind.Double, FieldValue.Kind.Double, FieldValue.Kind.String, FieldValue.Kind.Boolean,
                FieldValue.Kind.Null, FieldValue.Kind.Long);
        assertThat(c.sortValues()).extracting(FieldValue::_get).containsExactly(42L, 1.5, 3.0, "d7", true, null,
                Long.MAX_VALUE);
    }

    @Test
    void encode_anyValues_urlSafeWithoutPadding() {
        String cursor = Cursors.encode("fp", 1, List.of(FieldValue.of("ü/+?&= ~"), FieldValue.of(-7L)));

        assertThat(cursor).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    }

    @Test
    void decode_alteredBody_tampered() {
        String cursor = Cursors.encode("fp", 10, List.of(FieldValue.of(5L)));
        String body = new String(java.util.Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))));
        String forged = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(body.replace("5", "6").getBytes())
                + cursor.substring(cursor.indexOf('.'));

        assertThatThrownBy(() -> Cursors.decode(forged)).isInstanceOfSatisfying(SearchCursorException.class,
                e -> assertThat(e.reason()).isEqualTo(SearchCursorException.Reason.TAMPERED));
    }

    @Test
    void decode_notACursor_malformedAndNotRetryable() {
        for (String bad : List.of("", "abc", "a.b.c", "!!!.???", "x".repeat(5000), "e30.e30")) {
            assertThatThrownBy(() -> Cursors.decode(bad)).as(bad).isInstanceOfSatisfying(SearchCursorException.class,
                    e -> {
                        assertThat(e.reason()).isIn(SearchCursorException.Reason.MALFORMED,
                                SearchCursorException.Reason.TAMPERED);
                        assertThat(e.retryable()).isFalse();
                    });
        }
    }

    @Test
    void fingerprint_sameMatchingAndOrder_equalOtherwiseDifferent() {
        SearchQuery a = SearchQuery.builder().text("mouse").filter("brand", "x").sort("price", SortOrder.ASC).size(10)
                .build();
        SearchQuery samePageSizeChanged = a.toBuilder().size(50).highlight().build();
        SearchQuery otherSort = a.toBuilder().sort("name", SortOrder.DESC).build();
        SearchQuery otherFilterType = SearchQuery.builder().text("mouse").filter("brand", 1).sort("price", SortOrder.ASC)
                .build();

        assertThat(Cursors.fingerprint("i", a)).isEqualTo(Cursors.fingerprint("i", samePageSizeChanged));
        assertThat(Cursors.fingerprint("i", a)).isNotEqualTo(Cursors.fingerprint("j", a))
                .isNotEqualTo(Cursors.fingerprint("i", otherSort))
                .isNotEqualTo(Cursors.fingerprint("i", otherFilterType))
                .isNotEqualTo(Cursors.fingerprint("i", a.toBuilder().tieBreaker("id").build()));
    }
}
