package dev.tributary.dynamo.kcl;

import dev.tributary.core.ChangeEvent;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Records what the handlers of several KCL workers received, for {@link KclScaleOutIT}. Items carry a key
 * {@code id} and a per-key version {@code v} counting up from 1 ({@link ChangeWriter}). A delivery run is one
 * worker reading one shard: it starts again whenever that worker is handed a sequence number it already passed
 * (a replay from the last checkpoint). Thread-safe.
 */
final class DeliveryRecorder {
    private record Delivery(String worker, String shard, int run, String key, int version, long nanos) {}

    private final List<Delivery> deliveries = new ArrayList<>();
    private final Map<String, BigInteger> lastSequence = new HashMap<>();
    private final Map<String, Integer> runs = new HashMap<>();

    synchronized void record(String worker, List<ChangeEvent<Map<String, AttributeValue>>> events) {
        long now = System.nanoTime();
        for (ChangeEvent<Map<String, AttributeValue>> e : events) {
            String readBy = worker + " " + e.partition();
            BigInteger sequence = new BigInteger(e.sequenceNumber());
            BigInteger last = lastSequence.put(readBy, sequence);
            int run = runs.merge(readBy, last != null && sequence.compareTo(last) <= 0 ? 1 : 0, Integer::sum);
            int version = Integer.parseInt(e.newImage().orElseThrow().get("v").n());
            deliveries.add(new Delivery(worker, e.partition(), run, (String) e.keys().get("id"), version, now));
        }
    }

    synchronized long deliveriesOf(String worker) {
        return deliveries.stream().filter(d -> d.worker.equals(worker)).count();
    }

    /** Returns the shards {@code worker} delivered records of at or after {@code sinceNanos}. */
    synchronized Set<String> shardsReadBy(String worker, long sinceNanos) {
        return deliveries.stream().filter(d -> d.worker.equals(worker) && d.nanos - sinceNanos >= 0)
                .map(Delivery::shard).collect(Collectors.toSet());
    }

    /** Returns, per key, the written versions (1 to the given last) never delivered by anyone. */
    synchronized Map<String, List<Integer>> missing(Map<String, Integer> lastWritten) {
        Map<String, Set<Integer>> seen = deliveries.stream().collect(Collectors.groupingBy(Delivery::key,
                Collectors.mapping(Delivery::version, Collectors.toSet())));
        Map<String, List<Integer>> missing = new TreeMap<>();
        lastWritten.forEach((key, last) -> {
            Set<Integer> got = seen.getOrDefault(key, Set.of());
            for (int v = 1; v <= last; v++) {
                if (!got.contains(v)) {
                    missing.computeIfAbsent(key, k -> new ArrayList<>()).add(v);
                }
            }
        });
        return missing;
    }

    synchronized int total() {
        return deliveries.size();
    }

    synchronized long runs() {
        return deliveries.stream().map(d -> d.worker + " " + d.shard + " " + d.run).distinct().count();
    }

    synchronized Map<String, Long> perWorker() {
        return deliveries.stream().collect(Collectors.groupingBy(Delivery::worker, TreeMap::new,
                Collectors.counting()));
    }

    /** Returns the (worker, shard, run, key) whose versions did not strictly increase, with those versions. */
    synchronized Map<String, List<Integer>> outOfOrderRuns() {
        Map<String, List<Integer>> byRunAndKey = new LinkedHashMap<>();
        for (Delivery d : deliveries) {
            byRunAndKey.computeIfAbsent(d.worker + " " + d.shard + " run " + d.run + " key " + d.key,
                    k -> new ArrayList<>()).add(d.version);
        }
        Map<String, List<Integer>> bad = new TreeMap<>();
        byRunAndKey.forEach((runKey, versions) -> {
            for (int i = 1; i < versions.size(); i++) {
                if (versions.get(i) <= versions.get(i - 1)) {
                    bad.put(runKey, versions);
                    return;
                }
            }
        });
        return bad;
    }
}
