package dev.tributary.ses.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.ses.auth.internal.CachingDnsSource;
import dev.tributary.ses.auth.internal.DnsAnswer;
import dev.tributary.ses.auth.internal.DnsSource.Type;
import dev.tributary.ses.auth.internal.DnsSource;
import dev.tributary.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CachingDnsSourceTest {
    private final AtomicInteger calls = new AtomicInteger();
    private final MutableClock clock = MutableClock.at(Instant.parse("2025-01-01T00:00:00Z"));

    /** A cache over a source that counts its calls and always gives {@code answer}. */
    private CachingDnsSource cache(DnsAnswer answer, Duration maxTtl, int maxEntries) {
        DnsSource counting = (name, type) -> {
            calls.incrementAndGet();
            return answer;
        };
        return new CachingDnsSource(counting, clock, maxTtl, maxEntries);
    }

    @Test
    void query_withinTtl_isServedFromCache() {
        CachingDnsSource cache = cache(DnsAnswer.ok(List.of("v=spf1 -all"), 30), Duration.ofHours(1), 10);

        cache.query("example.com", Type.TXT);
        clock.advance(Duration.ofSeconds(29));
        DnsAnswer second = cache.query("example.com", Type.TXT);

        assertThat(calls).hasValue(1);
        assertThat(second.values()).containsExactly("v=spf1 -all");
    }

    /** An answer's TTL runs out, or the cache's maximum TTL caps a longer one: either way it asks again. */
    @ParameterizedTest(name = "ttl {0}s, maxTtl {1}, after {2}")
    @CsvSource({"30, PT1H, PT30S", "86400, PT5M, PT5M"})
    void query_afterEffectiveTtl_asksAgain(long ttlSeconds, Duration maxTtl, Duration after) {
        CachingDnsSource cache = cache(DnsAnswer.ok(List.of("x"), ttlSeconds), maxTtl, 10);

        cache.query("example.com", Type.TXT);
        clock.advance(after);
        cache.query("example.com", Type.TXT);

        assertThat(calls).hasValue(2);
    }

    @Test
    void query_differentType_isADifferentEntry() {
        CachingDnsSource cache = cache(DnsAnswer.ok(List.of("x"), 300), Duration.ofHours(1), 10);

        cache.query("example.com", Type.TXT);
        cache.query("example.com", Type.MX);

        assertThat(calls).hasValue(2);
    }

    /** A negative answer (NXDOMAIN) is cached for its TTL; a DNS error (TIMEOUT) never is. */
    @ParameterizedTest(name = "{0}: {1} calls")
    @CsvSource({"NXDOMAIN, 1", "TIMEOUT, 2"})
    void query_negativeAnswerOrError_isCachedOnlyWhenNegative(DnsStatus status, int expectedCalls) {
        CachingDnsSource cache = cache(DnsAnswer.of(status, 60, ""), Duration.ofHours(1), 10);

        cache.query("gone.example.com", Type.TXT);
        cache.query("gone.example.com", Type.TXT);

        assertThat(calls).hasValue(expectedCalls);
    }

    @Test
    void query_beyondMaxEntries_dropsLeastRecentlyUsed() {
        CachingDnsSource cache = cache(DnsAnswer.ok(List.of("x"), 300), Duration.ofHours(1), 2);

        cache.query("a.example.com", Type.TXT);
        cache.query("b.example.com", Type.TXT);
        cache.query("a.example.com", Type.TXT);
        cache.query("c.example.com", Type.TXT);
        cache.query("a.example.com", Type.TXT);
        cache.query("b.example.com", Type.TXT);

        assertThat(cache.size()).isEqualTo(2);
        assertThat(calls).hasValue(4);
    }
}
