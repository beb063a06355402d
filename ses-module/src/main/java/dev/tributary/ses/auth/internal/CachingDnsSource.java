package dev.tributary.ses.auth.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Caches another {@link DnsSource}'s answers by name and type for their TTL (the smallest TTL in the answer,
 * the SOA minimum or 60 s for negative answers), capped at {@code maxTtl}. Errors (SERVFAIL, TIMEOUT, ERROR)
 * are not cached. Least recently used entries are dropped beyond {@code maxEntries}. Thread-safe.
 */
public final class CachingDnsSource implements DnsSource {
    private final DnsSource delegate;
    private final Clock clock;
    private final Duration maxTtl;
    private final Map<String, Entry> entries;

    /**
     * Creates the cache.
     *
     * @param delegate the source to ask on a miss
     * @param clock the clock TTLs are measured with
     * @param maxTtl the longest time an answer is kept, whatever its TTL
     * @param maxEntries how many answers to keep
     */
    public CachingDnsSource(DnsSource delegate, Clock clock, Duration maxTtl, int maxEntries) {
        this.delegate = delegate;
        this.clock = clock;
        this.maxTtl = maxTtl;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    @Override
    public DnsAnswer query(String name, Type type) {
        String key = type + " " + name;
        Instant now = clock.instant();
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null && now.isBefore(e.expires)) {
                return e.answer;
            }
            entries.remove(key);
        }
        // Queried outside the lock so one slow name does not block others; a concurrent miss may query twice.
        DnsAnswer answer = delegate.query(name, type);
        long ttl = Math.min(answer.ttlSeconds(), maxTtl.getSeconds());
        if (!answer.status().isError() && ttl > 0) {
            synchronized (entries) {
                entries.put(key, new Entry(answer, now.plusSeconds(ttl)));
            }
        }
        return answer;
    }

    /** Returns how many answers are cached, expired ones included until they are asked for again. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private record Entry(DnsAnswer answer, Instant expires) {}
}
