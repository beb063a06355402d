package dev.tributary.ses.model;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * SES list management for a send (ListManagementOptions): the contact list, and optionally the topic, the
 * recipients belong to. With it SES adds the one-click unsubscribe headers and link and honours recipients'
 * subscription preferences. Immutable.
 */
public final class ListManagement {
    private final String contactList;
    private final @Nullable String topic;

    private ListManagement(String contactList, @Nullable String topic) {
        this.contactList = contactList;
        this.topic = topic;
    }

    /**
     * Returns list management for a contact list and one of its topics.
     *
     * @param contactList the SES contact list name
     * @param topic the topic name, or null for the whole list
     * @return the value
     * @throws dev.tributary.core.TributaryValidationException when a name is blank or contains line breaks
     */
    public static ListManagement of(String contactList, @Nullable String topic) {
        Checks.noLineBreaks("listManagement.contactList", Checks.notBlank("listManagement.contactList", contactList));
        if (topic != null) {
            Checks.noLineBreaks("listManagement.topic", Checks.notBlank("listManagement.topic", topic));
        }
        return new ListManagement(contactList, topic);
    }

    /** Returns the contact list name. */
    public String contactList() {
        return contactList;
    }

    /** Returns the topic name, if any. */
    public Optional<String> topic() {
        return Optional.ofNullable(topic);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ListManagement l && contactList.equals(l.contactList) && Objects.equals(topic, l.topic);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contactList, topic);
    }

    @Override
    public String toString() {
        return "ListManagement[" + contactList + (topic == null ? "" : ", topic=" + topic) + "]";
    }
}
