package dev.tributary.ses;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.core.internal.ClientHolder;
import dev.tributary.ses.internal.ApiRequests;
import dev.tributary.ses.internal.BulkSuppression;
import dev.tributary.ses.internal.MailerCore;
import dev.tributary.ses.internal.SesErrors;
import dev.tributary.ses.internal.SmtpSender;
import dev.tributary.ses.model.AccountStatus;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.model.BulkEntryResult;
import dev.tributary.ses.model.BulkResult;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailTemplate;
import dev.tributary.ses.model.SendResult;
import dev.tributary.ses.model.TemplatedEmail;
import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailResponse;

/**
 * Sends e-mail through Amazon SES, over the v2 API or SMTP, within the account's sending limits; the
 * blocking counterpart of {@link SesAsyncMailer}.
 *
 * <p>Every message is validated before anything is sent. Sends are paced to the account's maximum send rate
 * (one permit per recipient), refused early when the 24-hour quota is used up, and retried only for
 * throttling, 5xx and I/O failures. Failures are {@link SesSendException}s (SES refused),
 * {@link dev.tributary.core.TributaryValidationException}s (bad input, nothing sent) or
 * {@link dev.tributary.core.TributaryRejectedException}s (refused before sending). Logs carry message ids
 * only. Thread-safe; share one instance. Closing it closes only clients it created.
 *
 * <pre>{@code
 * try (SesMailer mailer = SesMailer.builder().client(sesV2Client).build()) {
 *     SendResult r = mailer.send(Email.builder()
 *             .from("Shop <shop@example.com>")
 *             .to("ann@example.com")
 *             .subject("Welcome")
 *             .text("Hello Ann")
 *             .build());
 *     log.info("sent {}", r.messageId());
 * }
 * }</pre>
 */
public final class SesMailer implements AutoCloseable {
    private final @Nullable ClientHolder<SesV2Client> api;
    private final @Nullable SmtpSender smtp;
    private final SesTransport transport;
    private final MailerCore core;

    private SesMailer(Builder b) {
        this.transport = b.transport;
        this.smtp = b.smtp == null ? null : new SmtpSender(b.smtp);
        if (b.client != null) {
            this.api = ClientHolder.borrowed(b.client);
        } else if (b.clientSettings != null || transport == SesTransport.API) {
            ClientSettings s = b.clientSettings != null ? b.clientSettings : ClientSettings.defaults();
            this.api = ClientHolder.owned(s.applyTo(SesV2Client.builder())
                    .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(s.connectTimeout()))
                    .build());
        } else {
            this.api = null;
        }
        this.core = new MailerCore(b.options, api == null ? null : () -> ApiRequests.account(
                api.get().getAccount(r -> {})));
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a quota-aware mailer over the user's client (never closed by the mailer).
     *
     * @param client the SES v2 client
     * @return the mailer
     */
    public static SesMailer create(SesV2Client client) {
        return builder().client(client).build();
    }

    /**
     * Sends one e-mail over the configured transport: Simple content, or Raw MIME when it has attachments.
     *
     * @param email the e-mail
     * @return the message id
     * @throws SesSendException when SES refuses the message
     * @throws dev.tributary.core.TributaryRejectedException when the quota is used up or no rate permit came
     * @throws TributaryValidationException when the encoded message exceeds 40 MB
     */
    public SendResult send(Email email) {
        Objects.requireNonNull(email, "email");
        core.options().senderDomainGuard().check(email.from().domain());
        List<String> suppressed = core.options().suppressionList()
                .suppressedAmong(email.allRecipients().stream().map(a -> a.address()).toList());
        if (!suppressed.isEmpty()) {
            Optional<Email> remaining = email.withoutRecipients(suppressed);
            if (remaining.isEmpty()) {
                return new SendResult(null, 0, suppressed);
            }
            return withSuppressed(send(remaining.get()), suppressed);
        }
        int recipients = email.allRecipients().size();
        long start = System.nanoTime();
        String id;
        if (transport == SesTransport.SMTP) {
            SmtpSender sender = Objects.requireNonNull(smtp);
            String cs = email.configurationSet().orElse(core.options().defaultConfigurationSet().orElse(null));
            id = core.call("ses.SMTP", recipients, () -> {
                try {
                    return sender.send(email, cs);
                } catch (MessagingException e) {
                    throw SesErrors.translate(e, "ses.SMTP");
                }
            });
        } else {
            var request = ApiRequests.sendEmail(email, core.options().defaultConfigurationSet().orElse(null));
            id = core.call("ses.SendEmail", recipients, () -> api().sendEmail(request).messageId());
        }
        core.sent(transport == SesTransport.SMTP ? "SMTP" : "SendEmail", id, recipients, start);
        return new SendResult(id, recipients);
    }

    /**
     * Sends an e-mail rendered by SES from a stored template (always over the API).
     *
     * @param email the templated e-mail
     * @return the message id
     * @throws SesSendException when SES refuses it, with {@link SesFailure#NOT_FOUND} for a missing template
     */
    public SendResult send(TemplatedEmail email) {
        core.options().senderDomainGuard().check(email.from().domain());
        List<String> suppressed = core.options().suppressionList().suppressedAmong(java.util.stream.Stream.of(
                email.to(), email.cc(), email.bcc()).flatMap(List::stream).map(a -> a.address()).toList());
        if (!suppressed.isEmpty()) {
            Optional<TemplatedEmail> remaining = email.withoutRecipients(suppressed);
            if (remaining.isEmpty()) {
                return new SendResult(null, 0, suppressed);
            }
            return withSuppressed(send(remaining.get()), suppressed);
        }
        var request = ApiRequests.sendTemplate(email, core.options().defaultConfigurationSet().orElse(null));
        long start = System.nanoTime();
        String id = core.call("ses.SendEmail", email.recipientCount(), () -> api().sendEmail(request).messageId());
        core.sent("SendTemplate", id, email.recipientCount(), start);
        return new SendResult(id, email.recipientCount());
    }

    /**
     * Sends a templated e-mail to many destinations in SendBulkEmail calls of at most 50 destinations. All
     * data is serialised before the first call; a call that fails after its retries marks its destinations
     * as failed (status {@code FAILED}) and the remaining calls still run.
     *
     * @param bulk the bulk e-mail
     * @return one result per destination, in order
     */
    public BulkResult sendBulk(BulkEmail bulk) {
        core.options().senderDomainGuard().check(bulk.from().domain());
        BulkSuppression filtered = BulkSuppression.apply(bulk, core.options().suppressionList());
        if (filtered.kept().isEmpty()) {
            return filtered.merge(List.of());
        }
        if (filtered.changed()) {
            return filtered.merge(sendBulk(filtered.kept().get()).entries());
        }
        List<SendBulkEmailRequest> requests =
                ApiRequests.sendBulk(bulk, core.options().defaultConfigurationSet().orElse(null));
        List<BulkEntryResult> results = new ArrayList<>();
        int offset = 0;
        for (SendBulkEmailRequest request : requests) {
            int recipients = ApiRequests.recipients(request);
            long start = System.nanoTime();
            try {
                SendBulkEmailResponse response =
                        core.call("ses.SendBulkEmail", recipients, () -> api().sendBulkEmail(request));
                List<BulkEntryResult> chunk = ApiRequests.bulkResults(response.bulkEmailEntryResults(), offset);
                chunk.stream().filter(BulkEntryResult::succeeded).forEach(r -> core.sent("SendBulkEmail",
                        r.messageId(), bulk.destinations().get(r.index()).recipientCount(), start));
                results.addAll(chunk);
            } catch (TributaryValidationException e) {
                throw e;
            } catch (TributaryException e) {
                for (int i = 0; i < request.bulkEmailEntries().size(); i++) {
                    results.add(new BulkEntryResult(offset + i, "FAILED", null, e.getMessage()));
                }
            }
            offset += request.bulkEmailEntries().size();
        }
        return new BulkResult(results);
    }

    private static SendResult withSuppressed(SendResult r, List<String> suppressed) {
        return new SendResult(r.messageId(), r.recipients(), suppressed);
    }

    /**
     * Creates a stored template.
     *
     * @param template the template
     * @throws SesSendException when SES refuses it (for example it already exists)
     */
    public void createTemplate(EmailTemplate template) {
        core.call("ses.CreateEmailTemplate", 0, () -> api().createEmailTemplate(b -> b
                .templateName(template.name()).templateContent(ApiRequests.templateContent(template))));
    }

    /**
     * Replaces a stored template's content.
     *
     * @param template the template
     */
    public void updateTemplate(EmailTemplate template) {
        core.call("ses.UpdateEmailTemplate", 0, () -> api().updateEmailTemplate(b -> b
                .templateName(template.name()).templateContent(ApiRequests.templateContent(template))));
    }

    /**
     * Deletes a stored template.
     *
     * @param name the template name
     */
    public void deleteTemplate(String name) {
        core.call("ses.DeleteEmailTemplate", 0, () -> api().deleteEmailTemplate(b -> b.templateName(name)));
    }

    /**
     * Reads a stored template.
     *
     * @param name the template name
     * @return the template, or empty when it does not exist
     */
    public Optional<EmailTemplate> getTemplate(String name) {
        try {
            return Optional.of(core.call("ses.GetEmailTemplate", 0, () -> {
                var r = api().getEmailTemplate(b -> b.templateName(name));
                return ApiRequests.template(r.templateName(), r.templateContent());
            }));
        } catch (SesSendException e) {
            if (e.reason() == SesFailure.NOT_FOUND || e.getCause() instanceof NotFoundException) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Lists the stored templates' names, all pages.
     *
     * @return the names
     */
    public List<String> listTemplates() {
        return core.call("ses.ListEmailTemplates", 0, () -> api().listEmailTemplatesPaginator(b -> b.pageSize(100))
                .stream()
                .flatMap(page -> page.templatesMetadata().stream())
                .map(m -> m.templateName())
                .toList());
    }

    /**
     * Renders a stored template with data, as SES would send it (TestRenderEmailTemplate).
     *
     * @param name the template name
     * @param data the data: a record, bean or Map
     * @return the rendered MIME message text
     */
    public String renderTemplate(String name, Object data) {
        String json = ApiRequests.renderData(data);
        return core.call("ses.TestRenderEmailTemplate", 0, () -> api().testRenderEmailTemplate(b -> b
                .templateName(name).templateData(json)).renderedTemplate());
    }

    /**
     * Reads the account's sending limits and standing now (GetAccount).
     *
     * @return the status
     */
    public AccountStatus account() {
        return core.call("ses.GetAccount", 0, () -> ApiRequests.account(api().getAccount(b -> {})));
    }

    /** Returns the send rate currently enforced in messages per second, or 0 when sends are not paced. */
    public double currentSendRate() {
        return core.currentSendRate();
    }

    /** Returns the transport {@link #send(Email)} uses. */
    public SesTransport transport() {
        return transport;
    }

    /** Closes the SES client if the mailer created it; a client passed in stays open. */
    @Override
    public void close() {
        if (api != null) {
            api.close();
        }
    }

    private SesV2Client api() {
        if (api == null) {
            throw TributaryClientException.create("This operation needs the SES API: configure client(...) or"
                    + " clientSettings(...) on the SesMailer builder (SMTP sends plain e-mail only)");
        }
        return api.get();
    }

    /** Builds a {@link SesMailer}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private @Nullable SesV2Client client;
        private @Nullable ClientSettings clientSettings;
        private @Nullable SmtpSettings smtp;
        private SesTransport transport = SesTransport.API;
        private SesOptions options = SesOptions.defaults();

        private Builder() {}

        /** Uses the user's SES v2 client; the mailer never closes it. Give it an API call timeout. */
        public Builder client(SesV2Client client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Builds (and owns) an SES v2 client from these settings, SDK retries off. */
        public Builder clientSettings(ClientSettings settings) {
            this.clientSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Sends plain e-mail over SMTP with these settings (switches the transport to SMTP). */
        public Builder smtp(SmtpSettings smtp) {
            this.smtp = Objects.requireNonNull(smtp, "smtp");
            this.transport = SesTransport.SMTP;
            return this;
        }

        /** Chooses the transport explicitly; SMTP needs {@link #smtp(SmtpSettings)}. */
        public Builder transport(SesTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /** Sets retries, quota awareness, default configuration set and listener. */
        public Builder options(SesOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the mailer
         * @throws TributaryValidationException when SMTP is chosen without SMTP settings, or both a client and
         *     client settings are given
         */
        public SesMailer build() {
            if (transport == SesTransport.SMTP && smtp == null) {
                throw TributaryValidationException.of("smtp", "the SMTP transport needs smtp(SmtpSettings)");
            }
            if (client != null && clientSettings != null) {
                throw TributaryValidationException.of("client", "give either client(...) or clientSettings(...), not both");
            }
            return new SesMailer(this);
        }
    }
}
