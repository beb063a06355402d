package dev.tributary.dynamo.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;

/** Exponential backoff with jitter, and a sleep that ends early when the capture stops. */
public final class Backoff {
    /** The step {@link #sleep} takes, so a stopping capture is noticed within it. */
    static final long STEP_MILLIS = 50;

    private Backoff() {}

    /**
     * Returns a jittered delay for an attempt: between half and all of {@code initial * 2^(attempt-1)}, capped.
     *
     * @param attempt the attempt that failed, from 1
     * @param initial the first delay
     * @param max the cap
     * @return milliseconds
     */
    public static long jittered(int attempt, Duration initial, Duration max) {
        long cap = Math.min(max.toMillis(), initial.toMillis() << Math.min(20, Math.max(0, attempt - 1)));
        return cap <= 1 ? cap : ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
    }

    /**
     * Sleeps up to {@code millis}, in short steps, returning early when {@code running} turns false or the
     * thread is interrupted (the interrupt flag is kept).
     *
     * @param millis how long
     * @param running the capture's running flag
     */
    public static void sleep(long millis, BooleanSupplier running) {
        long end = System.currentTimeMillis() + millis;
        while (running.getAsBoolean() && System.currentTimeMillis() < end) {
            try {
                Thread.sleep(Math.min(STEP_MILLIS, Math.max(1, end - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
