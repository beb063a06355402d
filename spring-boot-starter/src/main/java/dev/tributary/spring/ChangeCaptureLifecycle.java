package dev.tributary.spring;

import dev.tributary.dynamo.ChangeCapture;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts a {@link ChangeCapture} when the context has refreshed and stops it gracefully when the context
 * closes: readers finish their current call and checkpoint what every handler acknowledged. Runs in a late
 * phase, so it starts after, and stops before, the beans its handlers use. A stopped capture is not started
 * again (a capture is single-use): restart the context instead.
 */
public final class ChangeCaptureLifecycle implements SmartLifecycle {
    /** The phase: late start, early stop. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeCaptureLifecycle.class);

    private final ChangeCapture<?> capture;
    private volatile boolean running;

    /**
     * Wraps the capture.
     *
     * @param capture the capture to run
     */
    public ChangeCaptureLifecycle(ChangeCapture<?> capture) {
        this.capture = Objects.requireNonNull(capture, "capture");
    }

    @Override
    public void start() {
        capture.start();
        running = true;
        LOG.debug("Change capture started [stream={}]", capture.streamArn());
    }

    @Override
    public void stop() {
        try {
            capture.close();
        } finally {
            running = false;
        }
        LOG.debug("Change capture stopped [stream={}]", capture.streamArn());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
