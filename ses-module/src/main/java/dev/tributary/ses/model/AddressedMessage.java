package dev.tributary.ses.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Email} and {@link TemplatedEmail} share: the sender, the recipients, Reply-To, tags, the
 * configuration set and list management. Package-private: users see these accessors on the two public types.
 */
abstract class AddressedMessage {
    final EmailAddress from;
    final List<EmailAddress> to;
    final List<EmailAddress> cc;
    final List<EmailAddress> bcc;
    final List<EmailAddress> replyTo;
    final List<MessageTag> tags;
    final @Nullable String configurationSet;
    final @Nullable ListManagement listManagement;

    AddressedMessage(AddressedBuilder<?> b) {
        this.from = java.util.Objects.requireNonNull(b.from, "from");
        this.to = List.copyOf(b.to);
        this.cc = List.copyOf(b.cc);
        this.bcc = List.copyOf(b.bcc);
        this.replyTo = List.copyOf(b.replyTo);
        this.tags = List.copyOf(b.tags);
        this.configurationSet = b.configurationSet;
        this.listManagement = b.listManagement;
    }

    /** Returns the sender. */
    public EmailAddress from() {
        return from;
    }

    /** Returns the To recipients. */
    public List<EmailAddress> to() {
        return to;
    }

    /** Returns the Cc recipients. */
    public List<EmailAddress> cc() {
        return cc;
    }

    /** Returns the Bcc recipients (never written into the message headers). */
    public List<EmailAddress> bcc() {
        return bcc;
    }

    /** Returns the Reply-To addresses. */
    public List<EmailAddress> replyTo() {
        return replyTo;
    }

    /** Returns all recipients: To, Cc and Bcc. SES counts each against the sending rate and quota. */
    public List<EmailAddress> allRecipients() {
        List<EmailAddress> all = new ArrayList<>(to);
        all.addAll(cc);
        all.addAll(bcc);
        return List.copyOf(all);
    }

    /** Returns the number of recipients (To + Cc + Bcc). */
    public int recipientCount() {
        return to.size() + cc.size() + bcc.size();
    }

    /** Returns the SES message tags. */
    public List<MessageTag> tags() {
        return tags;
    }

    /** Returns the configuration set for this message, overriding the mailer's default. */
    public Optional<String> configurationSet() {
        return Optional.ofNullable(configurationSet);
    }

    /** Returns the SES list management (contact list and topic) for one-click unsubscribe, if set. */
    public Optional<ListManagement> listManagement() {
        return Optional.ofNullable(listManagement);
    }
}
