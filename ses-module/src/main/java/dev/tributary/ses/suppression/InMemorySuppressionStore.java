package dev.tributary.ses.suppression;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link SuppressionStore} in a concurrent map: for tests, single-instance services, or as a cache in front
 * of a durable store. Addresses are {@linkplain SuppressionList#normalize normalised} (bare, lower case).
 * Thread-safe; contents live as long as the instance.
 */
public final class InMemorySuppressionStore implements SuppressionStore {
    private final Map<String, SuppressedAddress> entries = new ConcurrentHashMap<>();

    private InMemorySuppressionStore() {}

    /** Returns an empty store. */
    public static InMemorySuppressionStore create() {
        return new InMemorySuppressionStore();
    }

    @Override
    public boolean isSuppressed(String address) {
        return entries.containsKey(SuppressionList.normalize(address));
    }

    @Override
    public void suppress(String address, SuppressionReason reason, Instant at) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        String key = SuppressionList.normalize(address);
        entries.put(key, new SuppressedAddress(key, reason, at));
    }

    @Override
    public void remove(String address) {
        entries.remove(SuppressionList.normalize(address));
    }

    /**
     * Returns the entry for an address.
     *
     * @param address the address, in any form {@link SuppressionList#normalize} accepts
     * @return the entry, or empty when the address is not suppressed
     */
    public Optional<SuppressedAddress> find(String address) {
        return Optional.ofNullable(entries.get(SuppressionList.normalize(address)));
    }

    /** Returns how many addresses are suppressed. */
    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "InMemorySuppressionStore[size=" + entries.size() + "]";
    }
}
