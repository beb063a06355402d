package dev.tributary.ses.internal;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;

/** Builds the rate limiters that pace calls to SES evenly: the send rate and the suppression-list calls. */
public final class EvenPacer {
    private EvenPacer() {}

    /**
     * Returns a limiter that hands out one permit per period of 1/rate seconds. SES measures rates per second,
     * and a burst of a whole second's permits at once can trip "Maximum sending rate exceeded" or a throttle;
     * spreading them evenly cannot. Rates above a million a second are treated as a million.
     *
     * @param name the limiter's name
     * @param perSecond the calls a second, greater than 0
     * @param wait how long a caller may wait for a permit
     * @return the limiter
     */
    public static RateLimiter of(String name, double perSecond, Duration wait) {
        long periodNanos = Math.max(1_000L, (long) (1_000_000_000L / perSecond));
        return RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(1)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                .timeoutDuration(wait)
                .build());
    }
}
