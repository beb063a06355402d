package dev.tributary.ses.internal;

import dev.tributary.ses.event.SesEventType;
import dev.tributary.ses.model.ConfigurationSet;
import dev.tributary.ses.model.EnsureResult;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AlreadyExistsException;
import software.amazon.awssdk.services.sesv2.model.EventBridgeDestination;
import software.amazon.awssdk.services.sesv2.model.EventDestination;
import software.amazon.awssdk.services.sesv2.model.EventDestinationDefinition;
import software.amazon.awssdk.services.sesv2.model.EventType;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SnsDestination;

/**
 * Makes a configuration set and its event destination exist as described: creates what is missing, updates
 * the destination when it differs, changes nothing otherwise. Safe to repeat and to race (a concurrent create
 * counts as existing).
 */
public final class ConfigurationSets {
    private ConfigurationSets() {}

    /**
     * Ensures {@code wanted} on SES.
     *
     * @param api the SES client
     * @param wanted the configuration set
     * @return what had to be done
     */
    public static EnsureResult ensure(SesV2Client api, ConfigurationSet wanted) {
        boolean created = false;
        try {
            api.getConfigurationSet(b -> b.configurationSetName(wanted.name()));
        } catch (NotFoundException e) {
            try {
                api.createConfigurationSet(b -> b.configurationSetName(wanted.name()));
                created = true;
            } catch (AlreadyExistsException raced) {
                // Another instance created it first: it exists, which is all we need.
            }
        }
        EventDestinationDefinition definition = definition(wanted);
        Optional<EventDestination> existing = api.getConfigurationSetEventDestinations(
                        b -> b.configurationSetName(wanted.name()))
                .eventDestinations().stream()
                .filter(d -> wanted.destinationName().equals(d.name()))
                .findFirst();
        if (existing.isEmpty()) {
            try {
                api.createConfigurationSetEventDestination(b -> b.configurationSetName(wanted.name())
                        .eventDestinationName(wanted.destinationName()).eventDestination(definition));
                return EnsureResult.CREATED;
            } catch (AlreadyExistsException raced) {
                return ensure(api, wanted);
            }
        }
        if (same(existing.get(), wanted)) {
            return created ? EnsureResult.CREATED : EnsureResult.UNCHANGED;
        }
        api.updateConfigurationSetEventDestination(b -> b.configurationSetName(wanted.name())
                .eventDestinationName(wanted.destinationName()).eventDestination(definition));
        return created ? EnsureResult.CREATED : EnsureResult.UPDATED;
    }

    static EventDestinationDefinition definition(ConfigurationSet cs) {
        EventDestinationDefinition.Builder b = EventDestinationDefinition.builder()
                .enabled(cs.enabled())
                .matchingEventTypes(cs.events().stream().map(ConfigurationSets::eventType).toList());
        if (cs.target() == ConfigurationSet.Target.SNS) {
            b.snsDestination(SnsDestination.builder().topicArn(cs.targetArn()).build());
        } else {
            b.eventBridgeDestination(EventBridgeDestination.builder().eventBusArn(cs.targetArn()).build());
        }
        return b.build();
    }

    static boolean same(EventDestination d, ConfigurationSet cs) {
        Set<EventType> types = new HashSet<>(d.matchingEventTypes());
        Set<EventType> wantedTypes = new HashSet<>(cs.events().stream().map(ConfigurationSets::eventType).toList());
        String arn = cs.target() == ConfigurationSet.Target.SNS
                ? (d.snsDestination() == null ? null : d.snsDestination().topicArn())
                : (d.eventBridgeDestination() == null ? null : d.eventBridgeDestination().eventBusArn());
        boolean otherTargets = cs.target() == ConfigurationSet.Target.SNS
                ? d.eventBridgeDestination() != null : d.snsDestination() != null;
        return Boolean.valueOf(cs.enabled()).equals(d.enabled() == null ? Boolean.FALSE : d.enabled())
                && types.equals(wantedTypes)
                && cs.targetArn().equals(arn)
                && !otherTargets
                && d.cloudWatchDestination() == null && d.kinesisFirehoseDestination() == null
                && d.pinpointDestination() == null;
    }

    private static EventType eventType(SesEventType t) {
        return EventType.fromValue(t.name());
    }
}
