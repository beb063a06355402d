package dev.tributary.ses.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One destination of a {@link BulkEmail}: its recipients and the template data that replaces the bulk
 * default for them. Immutable.
 *
 * @param to To recipients
 * @param cc Cc recipients
 * @param bcc Bcc recipients
 * @param data replacement template data, or null for the default
 */
public record BulkDestination(
        List<EmailAddress> to, List<EmailAddress> cc, List<EmailAddress> bcc, @Nullable Object data) {

    /** Copies and validates the lists. */
    public BulkDestination {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
        Checks.recipientCount("destination", to.size() + cc.size() + bcc.size(), "needs at least one recipient",
                "SES accepts at most 50 recipients per destination");
    }

    /**
     * Creates a destination of one To recipient with its own data.
     *
     * @param to the recipient
     * @param data the replacement data, or null
     * @return the destination
     */
    public static BulkDestination to(String to, @Nullable Object data) {
        return new BulkDestination(List.of(EmailAddress.parse("destination.to", to)), List.of(), List.of(), data);
    }

    /**
     * Creates a destination of several To recipients.
     *
     * @param to the recipients
     * @param data the replacement data, or null
     * @return the destination
     */
    public static BulkDestination to(List<String> to, @Nullable Object data) {
        List<EmailAddress> list = new ArrayList<>();
        for (String a : to) {
            list.add(EmailAddress.parse("destination.to[" + list.size() + "]", a));
        }
        return new BulkDestination(list, List.of(), List.of(), data);
    }

    /** Returns the replacement data, if any. */
    public Optional<Object> replacementData() {
        return Optional.ofNullable(data);
    }

    /** Returns the number of recipients. */
    public int recipientCount() {
        return to.size() + cc.size() + bcc.size();
    }

    @Override
    public String toString() {
        return "BulkDestination[recipients=" + recipientCount() + "]";
    }
}
