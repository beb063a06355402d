package dev.tributary.ses.event.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a URL in an SNS message points at Amazon SNS itself: {@code https}, default port, host
 * {@code sns.<region>.amazonaws.com} or, for the China partition, {@code sns.<region>.amazonaws.com.cn} (the
 * pattern AWS's own SDK verifiers use). Anything else, such as an attacker's server holding their own
 * certificate, is refused before a connection is made.
 */
public final class SnsHosts {
    private static final Pattern HOST = Pattern.compile("sns\\.[a-z0-9-]{3,}\\.amazonaws\\.com(\\.cn)?");

    private SnsHosts() {}

    /**
     * Parses {@code url} and returns it when it is an https URL on an SNS host, else null.
     *
     * @param url the URL as found in the message
     * @return the URI, or null when it is not an SNS https URL
     */
    public static @Nullable URI snsHttpsUrl(@Nullable String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            String host = uri.getHost();
            boolean ok = "https".equals(uri.getScheme()) && host != null && uri.getUserInfo() == null
                    && (uri.getPort() == -1 || uri.getPort() == 443)
                    && HOST.matcher(host.toLowerCase(Locale.ROOT)).matches();
            return ok ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
