package dev.tributary.ses.suppression;

import dev.tributary.ses.suppression.internal.Addresses;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A {@link SuppressionStore} in a concurrent map: for tests, single-instance services, or as a cache in front
 * of a durable store. Addresses are {@linkplain SuppressionList#normalize normalised} (bare, lower case); a
 * write of one that is not {@code local@domain} is refused with a {@code TributaryValidationException}, as the
 * DynamoDB store refuses it.
 * Temporary entries stop suppressing when they expire. Thread-safe; contents live as long as the instance.
 */
public final class InMemorySuppressionStore implements SuppressionStore {
    private final Map<String, SuppressedAddress> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    private InMemorySuppressionStore(Clock clock) {
        this.clock = clock;
    }

    /** Returns an empty store. */
    public static InMemorySuppressionStore create() {
        return new InMemorySuppressionStore(Clock.systemUTC());
    }

    /**
     * Returns an empty store that decides expiry by {@code clock}.
     *
     * @param clock the time source for expiry of temporary entries
     * @return the store
     */
    public static InMemorySuppressionStore create(Clock clock) {
        return new InMemorySuppressionStore(Objects.requireNonNull(clock, "clock"));
    }

    @Override
    public boolean isSuppressed(String address) {
        return find(address).isPresent();
    }

    @Override
    public void suppress(String address, SuppressionReason reason, Instant at) {
        SuppressedAddress entry = Addresses.permanent(address, reason, at);
        entries.put(entry.address(), entry);
    }

    @Override
    public void suppressUntil(String address, SuppressionReason reason, Instant at, Instant expiresAt) {
        SuppressedAddress temporary = Addresses.temporary(address, reason, at, expiresAt);
        // A transient bounce never downgrades a permanent entry.
        entries.merge(temporary.address(), temporary, (old, now) -> old.permanent() ? old : now);
    }

    @Override
    public void remove(String address) {
        entries.remove(SuppressionList.normalize(address));
    }

    @Override
    public Optional<SuppressedAddress> find(String address) {
        SuppressedAddress e = entries.get(SuppressionList.normalize(address));
        return e != null && e.activeAt(clock.instant()) ? Optional.of(e) : Optional.empty();
    }

    @Override
    public void forEachEntry(Consumer<SuppressedAddress> action) {
        Instant now = clock.instant();
        entries.values().stream().filter(e -> e.activeAt(now)).forEach(action);
    }

    /** Returns how many addresses are stored, expired temporary entries included. */
    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return "InMemorySuppressionStore[size=" + entries.size() + "]";
    }
}
