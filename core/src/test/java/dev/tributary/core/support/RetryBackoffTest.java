package dev.tributary.core.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryBackoffTest {
    private static void assertRejected(RetryBackoff retry, boolean zeroAllowed, String field) {
        assertThatThrownBy(() -> retry.validate(zeroAllowed)).isInstanceOfSatisfying(TributaryValidationException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @ParameterizedTest
    @CsvSource({"0, 100, 200, true", "0, 100, 200, false", "-1, 100, 200, true"})
    void validate_noAttempt_namesMaxAttempts(int attempts, long initial, long max, boolean zeroAllowed) {
        assertRejected(new RetryBackoff(attempts, Duration.ofMillis(initial), Duration.ofMillis(max)), zeroAllowed,
                "maxAttempts");
    }

    @ParameterizedTest
    @CsvSource({"-1, 5, true", "200, 100, true", "0, 0, false", "200, 100, false"})
    void validate_badBounds_namesBackoff(long initial, long max, boolean zeroAllowed) {
        assertRejected(new RetryBackoff(3, Duration.ofMillis(initial), Duration.ofMillis(max)), zeroAllowed, "backoff");
    }

    @Test
    void validate_zeroBackoffWhereAllowed_passes() {
        RetryBackoff atOnce = RetryBackoff.DEFAULTS.withMaxAttempts(1).withBackoff(Duration.ZERO, Duration.ZERO);

        assertThat(atOnce.validate(true)).isSameAs(atOnce);
    }

    @Test
    void builder_setters_reachTheSettingsAndSurviveToBuilder() {
        ResilienceSettings s = ResilienceSettings.builder().maxAttempts(5)
                .backoff(Duration.ofMillis(20), Duration.ofSeconds(1)).build();

        ResilienceSettings copy = s.toBuilder().build();

        assertThat(copy.retryBackoff()).isEqualTo(new RetryBackoff(5, Duration.ofMillis(20), Duration.ofSeconds(1)));
        assertThat(copy.maxAttempts()).isEqualTo(5);
        assertThat(copy.initialBackoff()).isEqualTo(Duration.ofMillis(20));
        assertThat(copy.maxBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ResilienceSettings.defaults().retryBackoff()).isEqualTo(RetryBackoff.DEFAULTS);
    }

    @Test
    void withBackoff_missingBound_namesIt() {
        assertThatThrownBy(() -> RetryBackoff.DEFAULTS.withBackoff(Duration.ZERO, null))
                .isInstanceOf(NullPointerException.class).hasMessage("max");
    }
}
