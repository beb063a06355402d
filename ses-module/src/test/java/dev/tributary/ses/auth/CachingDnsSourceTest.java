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

class CachingDnsSourceTest {

    private static DnsSource counting(AtomicInteger calls, DnsAnswer answer) {
        return (name, type) -> {
            calls.incrementAndGet();
            return answer;
        };
    }

    @Test
    void query_withinTtl_isServedFromCache() {
        AtomicInteger calls = new AtomicInteger();
        MutableClock clock = MutableClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        CachingDnsSource cache = new CachingDnsSource(counting(calls, DnsAnswer.ok(List.of("v=spf1 -all"), 30)), clock,
                Duration.ofHours(1), 10);

        cache.query("example.com", Type.TXT);
        clock.advance(Duration.ofSeconds(29));
        DnsAnswer second = cache.query("example.com", Type.TXT);

        assertThat(calls).hasValue(1);
        assertThat(second.values()).containsExactly("v=spf1 -all");
    }

    @Test
    void query_afterTtl_asksAgain() {
        AtomicInteger calls = new AtomicInteger();
        MutableClock clock = MutableClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        CachingDnsSource cache = new CachingDnsSource(counting(calls, DnsAnswer.ok(List.of("x"), 30)), clock,
                Duration.ofHours(1), 10);

        cache.query("example.com", Type.TXT);
        clock.advance(Duration.ofSeconds(30));
        cache.query("example.com", Type.TXT);

        assertThat(calls).hasValue(2);
    }

    @Test
    void query_differentType_isADifferentEntry() {
        AtomicInteger calls = new AtomicInteger();
        CachingDnsSource cache = new CachingDnsSource(counting(calls, DnsAnswer.ok(List.of("x"), 300)),
                MutableClock.at(Instant.parse("2025-01-01T00:00:00Z")), Duration.ofHours(1), 10);

        cache.query("example.com", Type.TXT);
        cache.query("example.com", Type.MX);

        assertThat(calls).hasValue(2);
    }

    @Test
    void query_maxTtl_capsLongTtls() {
        AtomicInteger calls = new AtomicInteger();
        MutableClock clock = MutableClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        CachingDnsSource cache = new CachingDnsSource(counting(calls, DnsAnswer.ok(List.of("x"), 86_400)), clock,
                Duration.ofMinutes(5), 10);

        cache.query("example.com", Type.TXT);
        clock.advance(Duration.ofMinutes(5));
        cache.query("example.com", Type.TXT);

        assertThat(calls).hasValue(2);
    }

    @Test
    void query_negativeAnswer_isCachedButErrorsAreNot() {
        AtomicInteger nx = new AtomicInteger();
        AtomicInteger timeouts = new AtomicInteger();
        CachingDnsSource nxCache = new CachingDnsSource(counting(nx, DnsAnswer.of(DnsStatus.NXDOMAIN, 60, "")),
                MutableClock.at(Instant.parse("2025-01-01T00:00:00Z")), Duration.ofHours(1), 10);
        CachingDnsSource errorCache = new CachingDnsSource(counting(timeouts, DnsAnswer.of(DnsStatus.TIMEOUT, 60,
                "")), MutableClock.at(Instant.parse("2025-01-01T00:00:00Z")), Duration.ofHours(1), 10);

        nxCache.query("gone.example.com", Type.TXT);
        nxCache.query("gone.example.com", Type.TXT);
        errorCache.query("slow.example.com", Type.TXT);
        errorCache.query("slow.example.com", Type.TXT);

        assertThat(nx).hasValue(1);
        assertThat(timeouts).hasValue(2);
    }

    @Test
    void query_beyondMaxEntries_dropsLeastRecentlyUsed() {
        AtomicInteger calls = new AtomicInteger();
        CachingDnsSource cache = new CachingDnsSource(counting(calls, DnsAnswer.ok(List.of("x"), 300)),
                MutableClock.at(Instant.parse("2025-01-01T00:00:00Z")), Duration.ofHours(1), 2);

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
