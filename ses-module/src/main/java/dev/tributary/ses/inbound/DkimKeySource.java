package dev.tributary.ses.inbound;

import dev.tributary.ses.inbound.internal.DnsKeySource;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Looks up DKIM public-key records ({@code <selector>._domainkey.<domain>} TXT). Use {@link #dns(String)} for
 * a DNS server, or implement it over a cache or fixed keys. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface DkimKeySource {
    /**
     * Returns the TXT records at a name, each record's strings joined into one value.
     *
     * @param name the absolute name, e.g. {@code sel._domainkey.example.com}
     * @return the records; empty when the name or its TXT records do not exist
     * @throws IOException when the lookup failed temporarily (reported as {@link DkimStatus#TEMPERROR})
     */
    List<String> txtRecords(String name) throws IOException;

    /**
     * Returns a source that asks one DNS server directly (no cache, no search path), with a 5-second timeout.
     *
     * @param server {@code host}, {@code host:port} or {@code [ipv6]:port}; port 53 when omitted
     * @return the source
     * @throws dev.tributary.core.TributaryValidationException when the server is not a valid host and port
     */
    static DkimKeySource dns(String server) {
        return DnsKeySource.create(server, Duration.ofSeconds(5));
    }

    /**
     * Returns a source that asks one DNS server directly, with the given timeout per query.
     *
     * @param server {@code host}, {@code host:port} or {@code [ipv6]:port}
     * @param timeout how long to wait for an answer before reporting a temporary failure
     * @return the source
     */
    static DkimKeySource dns(String server, Duration timeout) {
        return DnsKeySource.create(server, timeout);
    }

    /**
     * Returns a source with fixed records, for tests and pinned keys.
     *
     * @param records name (e.g. {@code sel._domainkey.example.com}, any case) to TXT value
     * @return the source
     */
    static DkimKeySource of(Map<String, String> records) {
        Map<String, String> copy = new HashMap<>();
        records.forEach((k, v) -> copy.put(k.toLowerCase(Locale.ROOT), v));
        return name -> {
            String value = copy.get(name.toLowerCase(Locale.ROOT));
            return value == null ? List.of() : List.of(value);
        };
    }
}
