package dev.tributary.ses.internal;

import dev.tributary.core.TributaryException;
import dev.tributary.ses.SesMailerListener;
import dev.tributary.ses.SesOperation;
import dev.tributary.ses.SesOptions;
import dev.tributary.ses.model.BulkDestination;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailAddress;
import dev.tributary.ses.model.TemplatedEmail;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The step every message passes before any I/O towards SES, in both mailers and for every message kind: the
 * sender-domain guard, then the suppression list, which removes suppressed recipients. A guard refusal is
 * reported to the listener under the message's operation and thrown.
 */
public final class PreSend {
    private final SesOptions options;
    private final SesMailerListener listener;

    PreSend(SesOptions options, SesMailerListener listener) {
        this.options = options;
        this.listener = listener;
    }

    /**
     * Screens a plain e-mail.
     *
     * @param email the e-mail
     * @param operation {@link SesOperation#SEND_EMAIL} or {@link SesOperation#SMTP}
     * @return what is left to send
     * @throws dev.tributary.ses.auth.SenderDomainRejectedException when the guard refuses the sender domain
     */
    public Screened<Email> email(Email email, SesOperation operation) {
        return screen(operation, email.from(), email.allRecipients(), email, Email::withoutRecipients);
    }

    /**
     * Screens a templated e-mail.
     *
     * @param email the e-mail
     * @return what is left to send
     * @throws dev.tributary.ses.auth.SenderDomainRejectedException when the guard refuses the sender domain
     */
    public Screened<TemplatedEmail> templated(TemplatedEmail email) {
        return screen(SesOperation.SEND_TEMPLATE, email.from(), email.allRecipients(), email,
                TemplatedEmail::withoutRecipients);
    }

    /**
     * Screens a bulk e-mail: destinations left without recipients are reported {@code SUPPRESSED}.
     *
     * @param bulk the bulk e-mail
     * @return the destinations left to send and how to map their results back
     * @throws dev.tributary.ses.auth.SenderDomainRejectedException when the guard refuses the sender domain
     */
    public BulkSuppression bulk(BulkEmail bulk) {
        guard(SesOperation.SEND_BULK_EMAIL, bulk.from());
        BulkSuppression screened = BulkSuppression.apply(bulk, options.suppressionList());
        if (screened.changed()) {
            int kept = screened.kept().map(PreSend::recipients).orElse(0);
            listener.onSuppressed(SesOperation.SEND_BULK_EMAIL.id(), recipients(bulk) - kept);
        }
        return screened;
    }

    private <M> Screened<M> screen(SesOperation operation, EmailAddress from, List<EmailAddress> recipients,
            M message, BiFunction<M, Collection<String>, Optional<M>> without) {
        guard(operation, from);
        List<String> suppressed = options.suppressionList()
                .suppressedAmong(recipients.stream().map(EmailAddress::address).toList());
        if (suppressed.isEmpty()) {
            return new Screened<>(Optional.of(message), List.of());
        }
        listener.onSuppressed(operation.id(), suppressed.size());
        return new Screened<>(without.apply(message, suppressed), suppressed);
    }

    private static int recipients(BulkEmail bulk) {
        return bulk.destinations().stream().mapToInt(BulkDestination::recipientCount).sum();
    }

    private void guard(SesOperation operation, EmailAddress from) {
        try {
            options.senderDomainGuard().check(from.domain());
        } catch (TributaryException e) {
            listener.onFailed(operation.id(), e);
            throw e;
        }
    }
}
