package dev.tributary.dynamo.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs listener callbacks so that their exceptions are logged at WARN and never break capture. */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {}

    /** Runs {@code r}, logging and swallowing any exception. */
    public static void safe(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("CaptureListener threw; ignored", e);
        }
    }
}
