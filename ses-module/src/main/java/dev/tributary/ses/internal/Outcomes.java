package dev.tributary.ses.internal;

import dev.tributary.core.ErrorClassifier;
import dev.tributary.core.TributaryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import javax.net.ssl.SSLHandshakeException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Tells a failure whose request never left (safe to repeat) from one after which the request may have reached
 * SES (a repeat may deliver the mail twice). Anything that is not provably "never sent" counts as unknown.
 */
public final class Outcomes {
    private Outcomes() {}

    /**
     * Returns whether {@code error} happened after the request may have been received: an I/O failure or a
     * timeout that is not a connect failure. Service answers (any HTTP status) are known outcomes.
     *
     * @param error the failure of an API call
     * @return true when the outcome is unknown
     */
    public static boolean unknownAfterApiCall(Throwable error) {
        Throwable t = ErrorClassifier.unwrap(error);
        if (t instanceof TributaryException || t instanceof SdkServiceException) {
            return false;
        }
        if (neverSent(t)) {
            return false;
        }
        return ioOrTimeout(t);
    }

    /**
     * Returns whether a failure is known to have happened before the request was written: a refused or
     * unroutable connection, an unknown host, a connect timeout, a failed TLS handshake, or no pooled connection.
     *
     * @param error the failure
     * @return true when the request was never sent
     */
    public static boolean neverSent(Throwable error) {
        for (Throwable c = ErrorClassifier.unwrap(error); c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException
                    || c instanceof NoRouteToHostException || c instanceof PortUnreachableException
                    || c instanceof SSLHandshakeException) {
                return true;
            }
            String name = c.getClass().getName();
            // Netty's connect timeout (io.netty.channel.ConnectTimeoutException) without a compile-time dependency.
            if (name.endsWith(".ConnectTimeoutException")) {
                return true;
            }
            String message = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (c instanceof SocketTimeoutException && message.contains("connect")) {
                return true;
            }
            // The SDK's Netty pool: no connection could be leased, so nothing was written.
            if (message.contains("acquire operation took longer")) {
                return true;
            }
        }
        return false;
    }

    private static boolean ioOrTimeout(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof IOException || c instanceof UncheckedIOException
                    || c instanceof ApiCallAttemptTimeoutException || c instanceof ApiCallTimeoutException) {
                return true;
            }
            if (c.getClass().getName().startsWith("io.netty.handler.timeout.")) {
                return true;
            }
        }
        return false;
    }
}
