package dev.tributary.ses.event;

import java.util.List;
import java.util.Optional;

/**
 * A contact's subscription preferences in an SES contact list.
 *
 * @param unsubscribeAll whether the contact left every topic of the list
 * @param topicSubscriptionStatus the per-topic statuses
 */
public record TopicPreferences(boolean unsubscribeAll, List<TopicStatus> topicSubscriptionStatus) {
    /** Copies the status list. */
    public TopicPreferences {
        topicSubscriptionStatus = List.copyOf(topicSubscriptionStatus);
    }

    /**
     * Returns the status for one topic.
     *
     * @param topicName the topic
     * @return {@code OptIn} or {@code OptOut}, or empty when the topic is not listed
     */
    public Optional<String> statusOf(String topicName) {
        return topicSubscriptionStatus.stream().filter(t -> t.topicName().equals(topicName))
                .map(TopicStatus::subscriptionStatus).findFirst();
    }

    /**
     * One topic's status.
     *
     * @param topicName the topic
     * @param subscriptionStatus {@code OptIn} or {@code OptOut}
     */
    public record TopicStatus(String topicName, String subscriptionStatus) {}
}
