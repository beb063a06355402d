package dev.tributary.examples.productsearch;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A one-line text progress bar ({@code load [########------------]  42%  4,200/10,000  3,150/s}) redrawn
 * five times a second on its own daemon thread, with carriage returns. Thread-safe.
 */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final @Nullable PrintStream out;
    private final String label;
    private final long total;
    private final LongSupplier done;
    private final long started = System.nanoTime();
    private final @Nullable ScheduledExecutorService timer;

    private ProgressBar(@Nullable PrintStream out, String label, long total, LongSupplier done) {
        this.out = out;
        this.label = label;
        this.total = total;
        this.done = done;
        if (out == null) {
            this.timer = null;
        } else {
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "progress-bar");
                t.setDaemon(true);
                return t;
            });
            timer.scheduleAtFixedRate(this::draw, 0, 200, TimeUnit.MILLISECONDS);
        }
    }

    /** Starts drawing to {@code out} (nothing when null). */
    static ProgressBar start(@Nullable PrintStream out, String label, long total, LongSupplier done) {
        return new ProgressBar(out, label, total, done);
    }

    /** Stops redrawing, draws the final state and ends the line. */
    void finish() {
        if (timer != null && out != null) {
            timer.shutdownNow();
            draw();
            out.println();
        }
    }

    private synchronized void draw() {
        if (out == null) {
            return;
        }
        long n = Math.min(done.getAsLong(), total);
        int filled = total == 0 ? WIDTH : (int) (WIDTH * n / total);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf("\r%s [%s%s] %3d%%  %,d/%,d  %,.0f/s ", label, "#".repeat(filled), "-".repeat(WIDTH - filled),
                total == 0 ? 100 : 100 * n / total, n, total, seconds > 0 ? n / seconds : 0.0);
        out.flush();
    }
}
