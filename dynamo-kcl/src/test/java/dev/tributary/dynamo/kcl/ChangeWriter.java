package dev.tributary.dynamo.kcl;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Writes changes to a table on its own thread until stopped, for {@link KclScaleOutIT}: key {@code k<i>} round
 * robin over a fixed number of keys, attribute {@code v} the key's version counting up from 1. A failed write
 * stops the writer and fails {@link #written()}, since its version's fate would be unknown.
 */
final class ChangeWriter {
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);

    private final DynamoDbClient dynamo;
    private final String table;
    private final int keys;
    private final Duration pause;
    private final Map<String, Integer> written = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile @Nullable RuntimeException failure;
    private @Nullable Thread thread;

    ChangeWriter(DynamoDbClient dynamo, String table, int keys, Duration pause) {
        this.dynamo = dynamo;
        this.table = table;
        this.keys = keys;
        this.pause = pause;
    }

    synchronized void start() {
        running = true;
        Thread t = new Thread(this::run, "change-writer-" + table);
        t.setDaemon(true);
        t.start();
        thread = t;
    }

    /** Stops writing and waits for the last write to finish; idempotent. */
    synchronized void stop() throws InterruptedException {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.join(STOP_WAIT.toMillis());
        }
    }

    /** Returns each key's last written version. */
    Map<String, Integer> written() {
        RuntimeException e = failure;
        if (e != null) {
            throw new AssertionError("A write failed, so the expected changes are unknown", e);
        }
        return Map.copyOf(written);
    }

    private void run() {
        try {
            for (int i = 0; running; i++) {
                String key = "k" + (i % keys);
                int version = written.getOrDefault(key, 0) + 1;
                dynamo.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(key),
                        "v", AttributeValue.fromN(Integer.toString(version)))));
                written.put(key, version);
                Thread.sleep(pause.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failure = e;
        }
    }
}
