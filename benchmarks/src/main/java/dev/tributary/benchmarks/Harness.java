package dev.tributary.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a call N times on T threads and reports ops/s; alternating rounds keep noise fair to both sides. Also the
 * one worker pool the benchmarks load data with ({@link #parallel}).
 */
final class Harness {
    private Harness() {}

    /** Runs {@code n} calls spread over {@code threads} threads; returns ops/s. */
    static double throughput(Runnable call, int n, int threads) {
        long t0 = System.nanoTime();
        parallel(threads, n, i -> call.run());
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** One task of {@link #parallel}, by its index. */
    @FunctionalInterface
    interface Task {
        void run(int index) throws Exception;
    }

    /**
     * Runs {@code task} for each index below {@code count} on {@code threads} workers, each taking the next index
     * when done with one; returns when all are done.
     *
     * @throws IllegalStateException with the first task's failure as its cause
     */
    static void parallel(int threads, int count, Task task) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("benchmark task failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Returns the median. */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    /** Runs warm-up then alternating rounds of a and b; prints each round; returns median(b)/median(a). */
    static double compare(String aName, Runnable a, String bName, Runnable b, int rounds, int n, int threads) {
        throughput(a, n / 2, threads);
        throughput(b, n / 2, threads);
        double[] as = new double[rounds];
        double[] bs = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            as[r] = throughput(a, n, threads);
            bs[r] = throughput(b, n, threads);
            System.out.printf("round %d: %s %.0f ops/s, %s %.0f ops/s%n", r + 1, aName, as[r], bName, bs[r]);
        }
        System.out.printf("median: %s %.0f ops/s, %s %.0f ops/s (%d rounds x %d calls, %d threads)%n",
                aName, median(as), bName, median(bs), rounds, n, threads);
        return median(bs) / median(as);
    }
}
