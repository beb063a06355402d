package dev.tributary.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;

/**
 * The registry one listener records into and the tags every one of its meters carries. Registering a meter
 * that exists already returns the existing one, so per-call meters with a varying tag (handler, outcome) are
 * looked up, not duplicated. Thread-safe.
 */
final class Meters {
    private final MeterRegistry registry;
    private final Tags tags;

    Meters(MeterRegistry registry, Tags tags) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tags = Objects.requireNonNull(tags, "tags");
    }

    MeterRegistry registry() {
        return registry;
    }

    Tags tags() {
        return tags;
    }

    /** Returns the counter {@code name} with the common tags plus {@code extraTags} (key, value, ...). */
    Counter counter(String name, String description, String... extraTags) {
        return Counter.builder(name).tags(tags.and(extraTags)).description(description).register(registry);
    }

    /** Returns the timer {@code name} with the common tags plus {@code extraTags} (key, value, ...). */
    Timer timer(String name, String description, String... extraTags) {
        return Timer.builder(name).tags(tags.and(extraTags)).description(description).register(registry);
    }

    /** Returns the distribution summary {@code name} in {@code baseUnit} with the common tags. */
    DistributionSummary summary(String name, String baseUnit, String description) {
        return DistributionSummary.builder(name).tags(tags).baseUnit(baseUnit).description(description)
                .register(registry);
    }
}
