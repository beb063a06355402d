package dev.tributary.ses.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The setters and checks {@link Email.Builder} and {@link TemplatedEmail.Builder} share, written once.
 * Package-private: users see these methods on the two public builders.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class AddressedBuilder<B extends AddressedBuilder<B>> extends SenderBuilder<B> {
    final List<EmailAddress> to = new ArrayList<>();
    final List<EmailAddress> cc = new ArrayList<>();
    final List<EmailAddress> bcc = new ArrayList<>();
    @Nullable ListManagement listManagement;

    AddressedBuilder() {}

    AddressedBuilder(AddressedMessage m) {
        super(m);
        to.addAll(m.to);
        cc.addAll(m.cc);
        bcc.addAll(m.bcc);
        listManagement = m.listManagement;
    }

    /** Adds To recipients. */
    public B to(String... addresses) {
        return add(to, "to", addresses);
    }

    /** Adds Cc recipients. */
    public B cc(String... addresses) {
        return add(cc, "cc", addresses);
    }

    /** Adds Bcc recipients. */
    public B bcc(String... addresses) {
        return add(bcc, "bcc", addresses);
    }

    /** Sets SES list management: SES adds one-click unsubscribe for this contact list and topic. */
    public B listManagement(@Nullable ListManagement listManagement) {
        this.listManagement = listManagement;
        return self();
    }

    /**
     * Drops the given recipients (compared case-insensitively).
     *
     * @return whether any recipient remains
     */
    final boolean dropRecipients(Collection<String> addresses) {
        Set<String> drop = new HashSet<>();
        addresses.forEach(a -> drop.add(a.toLowerCase(Locale.ROOT)));
        to.removeIf(a -> drop.contains(a.address().toLowerCase(Locale.ROOT)));
        cc.removeIf(a -> drop.contains(a.address().toLowerCase(Locale.ROOT)));
        bcc.removeIf(a -> drop.contains(a.address().toLowerCase(Locale.ROOT)));
        return !(to.isEmpty() && cc.isEmpty() && bcc.isEmpty());
    }

    /** Checks the sender, the configuration set's name and the recipients (1-50, SES's limit per message). */
    final void checkAddressing() {
        checkSender();
        Checks.recipientCount("to", to.size() + cc.size() + bcc.size(),
                "at least one To, Cc or Bcc recipient is required",
                "SES accepts at most 50 recipients per message; use sendBulk or several messages");
    }
}
