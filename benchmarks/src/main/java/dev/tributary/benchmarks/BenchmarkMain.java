package dev.tributary.benchmarks;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Entry point of {@code benchmarks/run}: picks a benchmark by name and prints its ratio last. */
public final class BenchmarkMain {
    private static final Map<String, Function<String[], Double>> BENCHMARKS = new TreeMap<>(Map.ofEntries(
            Map.entry(ResilienceOverheadBenchmark.NAME, ResilienceOverheadBenchmark::run),
            Map.entry(SesFacadeBenchmark.NAME, SesFacadeBenchmark::run),
            Map.entry(BulkBenchmark.VS_INGESTER, args -> BulkBenchmark.run(BulkBenchmark.VS_INGESTER, args)),
            Map.entry(BulkBenchmark.VS_TUNED, args -> BulkBenchmark.run(BulkBenchmark.VS_TUNED, args)),
            Map.entry(BulkBenchmark.VS_SERVER_LIMIT, args -> BulkBenchmark.run(BulkBenchmark.VS_SERVER_LIMIT, args)),
            Map.entry(CaptureBenchmark.NAME, CaptureBenchmark::run),
            Map.entry(SyncBenchmark.NAME, SyncBenchmark::run),
            Map.entry(SyncLagBenchmark.NAME, SyncLagBenchmark::run),
            Map.entry(KclBenchmark.NAME, KclBenchmark::run)));

    private BenchmarkMain() {}

    /**
     * Runs the named benchmark.
     *
     * @param args the benchmark name, then its options
     */
    public static void main(String[] args) {
        if (args.length == 0 || !BENCHMARKS.containsKey(args[0])) {
            System.out.println("benchmarks: " + String.join(", ", BENCHMARKS.keySet()));
            if (args.length > 0 && !"list".equals(args[0])) {
                System.exit(2);
            }
            return;
        }
        double ratio = BENCHMARKS.get(args[0]).apply(Arrays.copyOfRange(args, 1, args.length));
        System.out.printf("ratio %s: %.3f%n", args[0], ratio);
        // sync-lag ends with its percentiles, as its issue asks.
        SyncLagBenchmark.TRAILER.forEach(System.out::println);
    }
}
