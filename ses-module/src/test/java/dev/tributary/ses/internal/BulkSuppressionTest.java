package dev.tributary.ses.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.ses.model.BulkDestination;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.suppression.SuppressionList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BulkSuppressionTest {

    /** Counts calls: a durable store pays a round trip per call. */
    private static final class CountingList implements SuppressionList {
        private final Set<String> suppressed;
        private final AtomicInteger singles = new AtomicInteger();
        private final List<Integer> batches = new ArrayList<>();

        CountingList(String... suppressed) {
            this.suppressed = Set.of(suppressed);
        }

        @Override
        public boolean isSuppressed(String address) {
            singles.incrementAndGet();
            return suppressed.contains(address);
        }

        @Override
        public List<String> suppressedAmong(Collection<String> addresses) {
            batches.add(addresses.size());
            return addresses.stream().filter(suppressed::contains).toList();
        }
    }

    @Test
    void apply_manyDestinations_looksUpEveryRecipientInOneCall() {
        BulkEmail bulk = BulkEmail.builder().from("shop@example.com").template("welcome")
                .destination(BulkDestination.to(List.of("a@example.com", "b@example.com"), null))
                .destination(BulkDestination.to("c@example.com", null))
                .destination(BulkDestination.to(List.of("d@example.com", "e@example.com"), null))
                .build();
        CountingList list = new CountingList("b@example.com", "c@example.com");

        BulkSuppression result = BulkSuppression.apply(bulk, list);

        assertThat(list.batches).containsExactly(5);
        assertThat(list.singles).hasValue(0);
        assertThat(result.suppressedIndexes()).containsExactly(1);
        assertThat(result.originalIndex()).containsExactly(0, 2);
        BulkEmail kept = result.kept().orElseThrow();
        assertThat(kept.destinations().get(0).to()).extracting(a -> a.address()).containsExactly("a@example.com");
        assertThat(kept.destinations().get(1).to()).extracting(a -> a.address())
                .containsExactly("d@example.com", "e@example.com");
    }
}
