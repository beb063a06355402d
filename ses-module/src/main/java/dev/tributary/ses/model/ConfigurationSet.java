package dev.tributary.ses.model;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.SesEventType;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A configuration set as {@code SesMailer.ensureConfigurationSet} makes it exist: its name and one event
 * destination that publishes the chosen event types to an SNS topic or an EventBridge event bus. Immutable.
 *
 * <pre>{@code
 * ConfigurationSet cs = ConfigurationSet.builder("transactional")
 *         .snsDestination("to-sns", "arn:aws:sns:eu-west-1:123456789012:ses-events")
 *         .events(SesEventType.BOUNCE, SesEventType.COMPLAINT, SesEventType.DELIVERY)
 *         .build();
 * }</pre>
 */
public final class ConfigurationSet {
    /**
     * Checks a configuration-set name as SES requires it (1-256 characters of A-Z, a-z, 0-9, '_' or '-'), for
     * options that name a set without building one, such as {@code SesOptions.defaultConfigurationSet}.
     *
     * @param field the field name to report
     * @param name the name
     * @return the name
     * @throws TributaryValidationException naming {@code field} when the name is blank or not allowed
     */
    public static String checkName(String field, @Nullable String name) {
        return Checks.tag(field, Checks.notBlank(field, name));
    }

    /** Where the event destination publishes. */
    public enum Target {
        /** An Amazon SNS topic (by ARN). */
        SNS,
        /** An Amazon EventBridge event bus (by ARN; SES publishes to the default bus). */
        EVENT_BRIDGE
    }

    private final String name;
    private final String destinationName;
    private final Target target;
    private final String targetArn;
    private final Set<SesEventType> events;
    private final boolean enabled;

    private ConfigurationSet(Builder b) {
        this.name = b.name;
        this.destinationName = Objects.requireNonNull(b.destinationName);
        this.target = Objects.requireNonNull(b.target);
        this.targetArn = Objects.requireNonNull(b.targetArn);
        this.events = Set.copyOf(b.events);
        this.enabled = b.enabled;
    }

    /**
     * Returns a builder.
     *
     * @param name the configuration set name (letters, digits, {@code _} and {@code -})
     * @return the builder
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Returns the configuration set name. */
    public String name() {
        return name;
    }

    /** Returns the event destination's name. */
    public String destinationName() {
        return destinationName;
    }

    /** Returns where events are published. */
    public Target target() {
        return target;
    }

    /** Returns the SNS topic or EventBridge bus ARN. */
    public String targetArn() {
        return targetArn;
    }

    /** Returns the event types published. */
    public Set<SesEventType> events() {
        return events;
    }

    /** Returns whether the destination is enabled. */
    public boolean enabled() {
        return enabled;
    }

    @Override
    public String toString() {
        return "ConfigurationSet[" + name + ", " + destinationName + " -> " + target + ", events=" + events + "]";
    }

    /** Builds a {@link ConfigurationSet}. Not thread-safe. */
    public static final class Builder {
        private final String name;
        private @Nullable String destinationName;
        private @Nullable Target target;
        private @Nullable String targetArn;
        private Set<SesEventType> events = EnumSet.of(SesEventType.BOUNCE, SesEventType.COMPLAINT,
                SesEventType.DELIVERY, SesEventType.REJECT);
        private boolean enabled = true;

        private Builder(String name) {
            this.name = name;
        }

        /** Publishes to an SNS topic through the destination named {@code destinationName}. */
        public Builder snsDestination(String destinationName, String topicArn) {
            return destination(destinationName, Target.SNS, topicArn);
        }

        /** Publishes to an EventBridge event bus through the destination named {@code destinationName}. */
        public Builder eventBridgeDestination(String destinationName, String eventBusArn) {
            return destination(destinationName, Target.EVENT_BRIDGE, eventBusArn);
        }

        private Builder destination(String destinationName, Target target, String arn) {
            this.destinationName = Objects.requireNonNull(destinationName, "destinationName");
            this.target = target;
            this.targetArn = Objects.requireNonNull(arn, "arn");
            return this;
        }

        /** Sets the event types to publish; default bounce, complaint, delivery and reject. */
        public Builder events(SesEventType... types) {
            this.events = types.length == 0 ? EnumSet.noneOf(SesEventType.class) : EnumSet.of(types[0], types);
            return this;
        }

        /** Enables (default) or disables the destination. */
        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the configuration set
         * @throws TributaryValidationException naming the invalid field
         */
        public ConfigurationSet build() {
            Checks.tag("configurationSet.name", Checks.notBlank("configurationSet.name", name));
            if (destinationName == null || target == null || targetArn == null) {
                throw TributaryValidationException.of("configurationSet.destination",
                        "is required: call snsDestination(...) or eventBridgeDestination(...)");
            }
            Checks.tag("configurationSet.destinationName", destinationName);
            if (!targetArn.startsWith("arn:")) {
                throw TributaryValidationException.of("configurationSet.targetArn",
                        "must be an ARN (arn:aws:sns:... or arn:aws:events:...)");
            }
            if (events.isEmpty()) {
                throw TributaryValidationException.of("configurationSet.events", "must name at least one event type");
            }
            return new ConfigurationSet(this);
        }
    }
}
