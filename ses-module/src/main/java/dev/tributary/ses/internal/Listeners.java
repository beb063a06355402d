package dev.tributary.ses.internal;

import dev.tributary.core.TributaryException;
import dev.tributary.ses.SesEventListener;
import dev.tributary.ses.model.AccountStatus;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wraps a user's listener so that its exceptions are logged at WARN and never break a send. */
public final class Listeners implements SesEventListener {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);
    private final SesEventListener delegate;

    private Listeners(SesEventListener delegate) {
        this.delegate = delegate;
    }

    /** Returns a guarded view of {@code listener}. */
    public static SesEventListener guarded(SesEventListener listener) {
        return listener instanceof Listeners ? listener : new Listeners(listener);
    }

    @Override
    public void onSent(String operation, String messageId, int recipients, Instant at, Duration latency) {
        try {
            delegate.onSent(operation, messageId, recipients, at, latency);
        } catch (RuntimeException e) {
            LOG.warn("SesEventListener.onSent threw; ignored [op={}]", operation, e);
        }
    }

    @Override
    public void onFailed(String operation, TributaryException error) {
        try {
            delegate.onFailed(operation, error);
        } catch (RuntimeException e) {
            LOG.warn("SesEventListener.onFailed threw; ignored [op={}]", operation, e);
        }
    }

    @Override
    public void onQuotaRefreshed(AccountStatus status) {
        try {
            delegate.onQuotaRefreshed(status);
        } catch (RuntimeException e) {
            LOG.warn("SesEventListener.onQuotaRefreshed threw; ignored", e);
        }
    }
}
