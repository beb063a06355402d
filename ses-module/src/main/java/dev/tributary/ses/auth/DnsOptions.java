package dev.tributary.ses.auth;

import dev.tributary.core.TributaryValidationException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How {@link DomainAuthChecker} reads DNS: which resolvers (the system's by default), the per-query timeout,
 * and the answer cache (kept for each answer's TTL, at most {@link #maxCacheTtl()}). Queries go over UDP and
 * are repeated over TCP when an answer is truncated. Immutable.
 *
 * <pre>{@code
 * DnsOptions dns = DnsOptions.builder().resolver("127.0.0.1:5353").timeout(Duration.ofSeconds(2)).build();
 * }</pre>
 */
public final class DnsOptions {
    private final List<InetSocketAddress> resolvers;
    private final Duration timeout;
    private final boolean cache;
    private final Duration maxCacheTtl;
    private final int cacheSize;
    private final Clock clock;

    private DnsOptions(Builder b) {
        this.resolvers = List.copyOf(b.resolvers);
        this.timeout = b.timeout;
        this.cache = b.cache;
        this.maxCacheTtl = b.maxCacheTtl;
        this.cacheSize = b.cacheSize;
        this.clock = b.clock;
    }

    /** Returns the defaults: system resolvers, 5 s timeout, cache on (at most 1 hour, 1,000 answers). */
    public static DnsOptions defaults() {
        return builder().build();
    }

    /** Returns a builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the resolvers asked in order; empty means the system's (resolv.conf or the OS). */
    public List<InetSocketAddress> resolvers() {
        return resolvers;
    }

    /** Returns how long to wait for one resolver's answer. */
    public Duration timeout() {
        return timeout;
    }

    /** Returns whether answers are cached. */
    public boolean cache() {
        return cache;
    }

    /** Returns the longest time an answer is cached, whatever its TTL. */
    public Duration maxCacheTtl() {
        return maxCacheTtl;
    }

    /** Returns how many answers the cache keeps. */
    public int cacheSize() {
        return cacheSize;
    }

    /** Returns the clock the cache measures TTLs with and reports are stamped with. */
    public Clock clock() {
        return clock;
    }

    /** Returns a builder with these options. */
    public Builder toBuilder() {
        Builder b = new Builder().timeout(timeout).cache(cache).maxCacheTtl(maxCacheTtl).cacheSize(cacheSize)
                .clock(clock);
        b.resolvers.addAll(resolvers);
        return b;
    }

    @Override
    public String toString() {
        return "DnsOptions[resolvers=" + (resolvers.isEmpty() ? "system" : resolvers) + ", timeout=" + timeout
                + ", cache=" + cache + "]";
    }

    /** Builds {@link DnsOptions}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final List<InetSocketAddress> resolvers = new ArrayList<>();
        private Duration timeout = Duration.ofSeconds(5);
        private boolean cache = true;
        private Duration maxCacheTtl = Duration.ofHours(1);
        private int cacheSize = 1000;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Adds a resolver given as {@code host:port}, {@code host} (port 53) or {@code [ipv6]:port}.
         *
         * @param hostAndPort the resolver
         * @return this builder
         * @throws TributaryValidationException when it cannot be parsed or the host cannot be resolved
         */
        public Builder resolver(String hostAndPort) {
            return resolver(parse(Objects.requireNonNull(hostAndPort, "hostAndPort")));
        }

        /** Adds a resolver; the first added is asked first. */
        public Builder resolver(InetSocketAddress address) {
            if (address.isUnresolved()) {
                throw TributaryValidationException.of("resolver", "the resolver host could not be resolved; give "
                        + "an IP address");
            }
            resolvers.add(address);
            return this;
        }

        /** Sets how long to wait for one resolver's answer; default 5 s. */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Turns the answer cache on (default) or off. */
        public Builder cache(boolean cache) {
            this.cache = cache;
            return this;
        }

        /** Sets the longest time an answer is cached; default 1 hour. */
        public Builder maxCacheTtl(Duration maxCacheTtl) {
            this.maxCacheTtl = Objects.requireNonNull(maxCacheTtl, "maxCacheTtl");
            return this;
        }

        /** Sets how many answers the cache keeps; default 1,000. */
        public Builder cacheSize(int cacheSize) {
            this.cacheSize = cacheSize;
            return this;
        }

        /** Sets the clock; default UTC system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Returns the options.
         *
         * @throws TributaryValidationException when the timeout is not positive, the cache size below 1 or the
         *     cache TTL negative
         */
        public DnsOptions build() {
            if (timeout.isZero() || timeout.isNegative()) {
                throw TributaryValidationException.of("timeout", "must be positive, such as 5 seconds");
            }
            if (cacheSize < 1) {
                throw TributaryValidationException.of("cacheSize", "must be at least 1");
            }
            if (maxCacheTtl.isNegative()) {
                throw TributaryValidationException.of("maxCacheTtl", "must not be negative");
            }
            return new DnsOptions(this);
        }

        private static InetSocketAddress parse(String s) {
            String host = s.trim();
            int port = 53;
            try {
                if (host.startsWith("[")) {
                    int close = host.indexOf(']');
                    if (close < 0) {
                        throw new IllegalArgumentException();
                    }
                    String rest = host.substring(close + 1);
                    host = host.substring(1, close);
                    if (!rest.isEmpty()) {
                        port = Integer.parseInt(rest.substring(rest.indexOf(':') + 1));
                    }
                } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
                    port = Integer.parseInt(host.substring(host.indexOf(':') + 1));
                    host = host.substring(0, host.indexOf(':'));
                }
                if (host.isEmpty() || port < 1 || port > 65535) {
                    throw new IllegalArgumentException();
                }
            } catch (IllegalArgumentException e) {
                throw TributaryValidationException.of("resolver", "must be host:port such as 127.0.0.1:5353, "
                        + "a host (port 53), or [ipv6]:port");
            }
            return new InetSocketAddress(host, port);
        }
    }
}
