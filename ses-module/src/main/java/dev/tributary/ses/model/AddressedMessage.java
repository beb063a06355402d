package dev.tributary.ses.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What {@link Email} and {@link TemplatedEmail} share beyond the sender: the recipients and list management. Package-private: users see these accessors on the two public types.
 */
abstract class AddressedMessage extends SenderMessage {
    final List<EmailAddress> to;
    final List<EmailAddress> cc;
    final List<EmailAddress> bcc;
    final @Nullable ListManagement listManagement;

    AddressedMessage(AddressedBuilder<?> b) {
        super(b);
        this.to = List.copyOf(b.to);
        this.cc = List.copyOf(b.cc);
        this.bcc = List.copyOf(b.bcc);
        this.listManagement = b.listManagement;
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

    /** Returns the SES list management (contact list and topic) for one-click unsubscribe, if set. */
    public Optional<ListManagement> listManagement() {
        return Optional.ofNullable(listManagement);
    }
}
