package dev.tributary.ses.internal;

import dev.tributary.core.ErrorClassifier;
import dev.tributary.ses.event.SesEventType;
import dev.tributary.ses.model.ConfigurationSet;
import dev.tributary.ses.model.EnsureResult;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sesv2.SesV2AsyncClient;
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
 *
 * <p>One implementation for both mailers: the steps are composed over {@link Calls}, five SES calls that
 * return futures. The async mailer passes its {@link SesV2AsyncClient}'s calls; the sync mailer passes its
 * {@link SesV2Client}'s calls as already-completed futures, so the whole chain runs on the caller's thread.
 */
public final class ConfigurationSets {
    private ConfigurationSets() {}

    /** The SES calls {@link #ensure(Calls, ConfigurationSet)} makes; each fails its future with the SDK's exception. */
    public interface Calls {
        /** GetConfigurationSet; fails with {@link NotFoundException} when it does not exist. */
        CompletableFuture<?> getSet(String name);

        /** CreateConfigurationSet; fails with {@link AlreadyExistsException} when it exists. */
        CompletableFuture<?> createSet(String name);

        /** GetConfigurationSetEventDestinations. */
        CompletableFuture<List<EventDestination>> destinations(String name);

        /** CreateConfigurationSetEventDestination; fails with {@link AlreadyExistsException} when it exists. */
        CompletableFuture<?> createDestination(String name, String destination, EventDestinationDefinition definition);

        /** UpdateConfigurationSetEventDestination. */
        CompletableFuture<?> updateDestination(String name, String destination, EventDestinationDefinition definition);

        /**
         * Returns the calls of a blocking client, each run at once on the caller's thread.
         *
         * @param api the client
         * @return the calls
         */
        static Calls of(SesV2Client api) {
            return new Calls() {
                @Override
                public CompletableFuture<?> getSet(String name) {
                    return now(() -> api.getConfigurationSet(b -> b.configurationSetName(name)));
                }

                @Override
                public CompletableFuture<?> createSet(String name) {
                    return now(() -> api.createConfigurationSet(b -> b.configurationSetName(name)));
                }

                @Override
                public CompletableFuture<List<EventDestination>> destinations(String name) {
                    return now(() -> api.getConfigurationSetEventDestinations(b -> b.configurationSetName(name))
                            .eventDestinations());
                }

                @Override
                public CompletableFuture<?> createDestination(String name, String destination,
                        EventDestinationDefinition definition) {
                    return now(() -> api.createConfigurationSetEventDestination(b -> b.configurationSetName(name)
                            .eventDestinationName(destination).eventDestination(definition)));
                }

                @Override
                public CompletableFuture<?> updateDestination(String name, String destination,
                        EventDestinationDefinition definition) {
                    return now(() -> api.updateConfigurationSetEventDestination(b -> b.configurationSetName(name)
                            .eventDestinationName(destination).eventDestination(definition)));
                }
            };
        }

        /**
         * Returns the calls of an async client.
         *
         * @param api the client
         * @return the calls
         */
        static Calls of(SesV2AsyncClient api) {
            return new Calls() {
                @Override
                public CompletableFuture<?> getSet(String name) {
                    return api.getConfigurationSet(b -> b.configurationSetName(name));
                }

                @Override
                public CompletableFuture<?> createSet(String name) {
                    return api.createConfigurationSet(b -> b.configurationSetName(name));
                }

                @Override
                public CompletableFuture<List<EventDestination>> destinations(String name) {
                    return api.getConfigurationSetEventDestinations(b -> b.configurationSetName(name))
                            .thenApply(r -> r.eventDestinations());
                }

                @Override
                public CompletableFuture<?> createDestination(String name, String destination,
                        EventDestinationDefinition definition) {
                    return api.createConfigurationSetEventDestination(b -> b.configurationSetName(name)
                            .eventDestinationName(destination).eventDestination(definition));
                }

                @Override
                public CompletableFuture<?> updateDestination(String name, String destination,
                        EventDestinationDefinition definition) {
                    return api.updateConfigurationSetEventDestination(b -> b.configurationSetName(name)
                            .eventDestinationName(destination).eventDestination(definition));
                }
            };
        }
    }

    /**
     * Ensures {@code wanted} on SES with a blocking client, on the caller's thread.
     *
     * @param api the SES client
     * @param wanted the configuration set
     * @return what had to be done
     * @throws RuntimeException the SDK's exception when a call fails
     */
    public static EnsureResult ensure(SesV2Client api, ConfigurationSet wanted) {
        try {
            return ensure(Calls.of(api), wanted).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /**
     * Ensures {@code wanted} on SES.
     *
     * @param api the SES calls
     * @param wanted the configuration set
     * @return what had to be done; failed with the SDK's exception when a call fails
     */
    public static CompletableFuture<EnsureResult> ensure(Calls api, ConfigurationSet wanted) {
        return setCreated(api, wanted.name()).thenCompose(created -> destination(api, wanted, created));
    }

    /** Completes with true when this call created the set, false when it existed (or a racer created it). */
    private static CompletableFuture<Boolean> setCreated(Calls api, String name) {
        return api.getSet(name).handle((r, e) -> e).thenCompose(e -> {
            if (e == null) {
                return CompletableFuture.completedFuture(false);
            }
            if (!(ErrorClassifier.unwrap(e) instanceof NotFoundException)) {
                return CompletableFuture.failedFuture(ErrorClassifier.unwrap(e));
            }
            return api.createSet(name).handle((r, created) -> {
                if (created == null) {
                    return true;
                }
                if (ErrorClassifier.unwrap(created) instanceof AlreadyExistsException) {
                    return false; // Another instance created it first: it exists, which is all we need.
                }
                throw new CompletionException(ErrorClassifier.unwrap(created));
            });
        });
    }

    private static CompletableFuture<EnsureResult> destination(Calls api, ConfigurationSet wanted, boolean created) {
        EventDestinationDefinition definition = definition(wanted);
        return api.destinations(wanted.name()).thenCompose(all -> {
            Optional<EventDestination> existing = all.stream()
                    .filter(d -> wanted.destinationName().equals(d.name()))
                    .findFirst();
            if (existing.isEmpty()) {
                return api.createDestination(wanted.name(), wanted.destinationName(), definition)
                        .handle((r, e) -> e)
                        .thenCompose(e -> {
                            if (e == null) {
                                return CompletableFuture.completedFuture(EnsureResult.CREATED);
                            }
                            Throwable cause = ErrorClassifier.unwrap(e);
                            // A racer created the destination: compare with what it wrote.
                            return cause instanceof AlreadyExistsException ? ensure(api, wanted)
                                    : CompletableFuture.failedFuture(cause);
                        });
            }
            if (same(existing.get(), wanted)) {
                return CompletableFuture.completedFuture(created ? EnsureResult.CREATED : EnsureResult.UNCHANGED);
            }
            return api.updateDestination(wanted.name(), wanted.destinationName(), definition)
                    .thenApply(r -> created ? EnsureResult.CREATED : EnsureResult.UPDATED);
        });
    }

    private static <T> CompletableFuture<T> now(Supplier<T> call) {
        try {
            return CompletableFuture.completedFuture(call.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
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
