package dev.tributary.ses.event.internal;

import java.io.IOException;
import java.net.URI;

/**
 * Fetches a URL that already passed the SNS host check: the signing certificate, or the SubscribeURL that
 * confirms a subscription. The default implementation is {@link #defaults()}; tests inject their own.
 */
@FunctionalInterface
public interface SnsHttp {
    /**
     * Returns the body of a successful HTTPS GET.
     *
     * @param uri the https URL
     * @return the response body
     * @throws IOException when the request fails or the status is not 2xx
     */
    byte[] get(URI uri) throws IOException;

    /** Returns the JDK HTTP client implementation: no redirects, 5 s connect, 10 s per request, 64 KiB body cap. */
    static SnsHttp defaults() {
        return JdkSnsHttp.INSTANCE;
    }
}
