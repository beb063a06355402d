package dev.tributary.ses.suppression;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SuppressionListTest {
    @Test
    void none_suppressesNothing() {
        assertThat(SuppressionList.NONE.isSuppressed("ann@example.com")).isFalse();
        assertThat(SuppressionList.NONE.suppressedAmong(List.of("ann@example.com"))).isEmpty();
    }

    @Test
    void of_fixedAddresses_matchesNormalisedForms() {
        SuppressionList list = SuppressionList.of(Set.of("Ann@Example.com"));

        assertThat(list.isSuppressed("ann@example.com")).isTrue();
        assertThat(list.isSuppressed("\"Ann\" <ANN@example.com>")).isTrue();
        assertThat(list.isSuppressed("bob@example.com")).isFalse();
    }

    @Test
    void suppressedAmong_keepsGivenOrderAndForm() {
        SuppressionList list = SuppressionList.of(Set.of("a@example.com", "c@example.com"));

        assertThat(list.suppressedAmong(List.of("C@example.com", "b@example.com", "Ann <a@example.com>")))
                .containsExactly("C@example.com", "Ann <a@example.com>");
    }

    @Test
    void normalize_variousForms_givesBareLowerCase() {
        assertThat(SuppressionList.normalize("  Ann@Example.COM ")).isEqualTo("ann@example.com");
        assertThat(SuppressionList.normalize("Ann Lee <Ann@Example.com>")).isEqualTo("ann@example.com");
        assertThat(SuppressionList.normalize("\"Lee, Ann\" < ann@example.com >")).isEqualTo("ann@example.com");
    }

    @Test
    void lambda_isASuppressionList() {
        SuppressionList list = address -> address.endsWith("@blocked.example");

        assertThat(list.suppressedAmong(List.of("x@blocked.example", "y@ok.example")))
                .containsExactly("x@blocked.example");
    }
}
