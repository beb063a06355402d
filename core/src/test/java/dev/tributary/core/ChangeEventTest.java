package dev.tributary.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.support.ClientHolder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ChangeEventTest {

    private static ChangeEvent.Builder<String> base(ChangeType type) {
        return ChangeEvent.<String>builder()
                .type(type)
                .key("pk", "user-1")
                .key("sk", 7)
                .sourceId("stream-arn")
                .partition("shardId-1")
                .sequenceNumber("000000000000000000001")
                .approximateCreationTime(Instant.parse("2026-01-01T00:00:00Z"))
                .eventId("ev-1");
    }

    @Test
    void build_insertWithoutNewImage_isRejected() {
        assertThatThrownBy(() -> base(ChangeType.INSERT).build())
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("newImage");
    }

    @Test
    void build_removeWithNewImage_isRejected() {
        assertThatThrownBy(() -> base(ChangeType.REMOVE).newImage("x").build())
                .isInstanceOf(TributaryValidationException.class);
    }

    @Test
    void key_numbers_areNormalisedToBigDecimalInKeySchemaOrder() {
        ChangeEvent<String> e = base(ChangeType.MODIFY).newImage("new").oldImage("old").build();

        assertThat(e.keys()).containsExactly(
                java.util.Map.entry("pk", "user-1"), java.util.Map.entry("sk", new BigDecimal("7")));
    }

    @Test
    void key_unsupportedType_isRejected() {
        assertThatThrownBy(() -> base(ChangeType.REMOVE).key("bad", new Object()))
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("keys.bad");
    }

    @Test
    void map_images_convertsBothAndKeepsPosition() {
        ChangeEvent<Integer> e = base(ChangeType.MODIFY).newImage("abcd").oldImage("ab").build().map(String::length);

        assertThat(e.newImage()).contains(4);
        assertThat(e.oldImage()).contains(2);
        assertThat(e.sequenceNumber()).isEqualTo("000000000000000000001");
        assertThat(e.keys()).containsKeys("pk", "sk");
    }

    @Test
    void toString_always_omitsKeyAndImageValues() {
        String s = base(ChangeType.INSERT).newImage("secret-image").build().toString();

        assertThat(s).doesNotContain("user-1", "secret-image").contains("pk", "shardId-1");
    }

    @Test
    void forEach_batch_visitsEventsInOrder() {
        List<String> seen = new ArrayList<>();
        ChangeHandler<String> h = ChangeHandler.forEach(ev -> seen.add(ev.eventId()));

        h.handle(List.of(base(ChangeType.REMOVE).eventId("a").build(), base(ChangeType.REMOVE).eventId("b").build()));

        assertThat(seen).containsExactly("a", "b");
    }

    @Test
    void clientHolder_borrowedClient_isNeverClosed_ownedClosedOnce() {
        AtomicInteger closes = new AtomicInteger();
        AutoCloseable client = closes::incrementAndGet;

        ClientHolder.borrowed(client).close();
        assertThat(closes).hasValue(0);

        ClientHolder<AutoCloseable> owned = ClientHolder.owned(client);
        owned.close();
        owned.close();
        assertThat(closes).hasValue(1);
    }
}
