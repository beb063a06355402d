package dev.tributary.ses.suppression.internal;

import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryExceptions;
import dev.tributary.ses.internal.EvenPacer;
import io.github.resilience4j.ratelimiter.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.ListSuppressedDestinationsResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SuppressedDestinationSummary;
import software.amazon.awssdk.services.sesv2.model.SuppressionListReason;

/**
 * The SES account-level suppression list, called at a paced rate: every call waits for a permit, and a
 * throttled call ({@code TooManyRequestsException}) is retried with exponential backoff.
 */
public final class AccountSuppressionList {
    private static final Logger LOG = LoggerFactory.getLogger(AccountSuppressionList.class);
    static final int THROTTLE_ATTEMPTS = 6;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);

    private final SesV2Client ses;
    private final RateLimiter pacer;
    private final int pageSize;

    /**
     * Creates the list.
     *
     * @param ses the caller's client
     * @param callsPerSecond the most SES calls a second
     * @param pageSize entries per ListSuppressedDestinations page, 1 to 1000
     */
    public AccountSuppressionList(SesV2Client ses, double callsPerSecond, int pageSize) {
        this.ses = ses;
        this.pageSize = pageSize;
        this.pacer = EvenPacer.of("ses.suppression", callsPerSecond, Duration.ofDays(1));
    }

    /**
     * Reads every page, passing each to {@code page} as it arrives.
     *
     * @throws TributaryException when a page cannot be read
     */
    public void forEachPage(Consumer<List<SuppressedDestinationSummary>> page) {
        String token = null;
        do {
            String next = token;
            ListSuppressedDestinationsResponse r = call("ses.ListSuppressedDestinations",
                    () -> ses.listSuppressedDestinations(b -> b.pageSize(pageSize).nextToken(next)));
            page.accept(r.suppressedDestinationSummaries());
            token = r.nextToken();
        } while (token != null && !token.isEmpty());
    }

    /**
     * Adds an address.
     *
     * @throws TributaryException when SES refuses it or keeps throttling
     */
    public void put(String address, SuppressionListReason reason) {
        call("ses.PutSuppressedDestination",
                () -> ses.putSuppressedDestination(b -> b.emailAddress(address).reason(reason)));
    }

    /**
     * Deletes an address; one already gone counts as deleted.
     *
     * @throws TributaryException when SES refuses it or keeps throttling
     */
    public void delete(String address) {
        call("ses.DeleteSuppressedDestination", () -> {
            try {
                return ses.deleteSuppressedDestination(b -> b.emailAddress(address));
            } catch (NotFoundException gone) {
                return null;
            }
        });
    }

    private <T> @Nullable T call(String operation, Supplier<T> call) {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            RateLimiter.waitForPermission(pacer);
            try {
                return call.get();
            } catch (SdkException e) {
                TributaryException t = TributaryExceptions.translate(e, operation);
                if (!t.throttled() || attempt == THROTTLE_ATTEMPTS) {
                    throw t;
                }
                LOG.debug("[op={}, attempt={}] throttled; backing off {} ms", operation, attempt, backoff.toMillis());
                sleep(backoff, operation);
                backoff = backoff.multipliedBy(2);
            }
        }
    }

    private static void sleep(Duration d, String operation) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TributaryExceptions.translate(e, operation);
        }
    }
}
