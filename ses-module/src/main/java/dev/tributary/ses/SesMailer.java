package dev.tributary.ses;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.core.support.ClientHolder;
import dev.tributary.ses.internal.ApiRequests;
import dev.tributary.ses.internal.BulkSuppression;
import dev.tributary.ses.internal.ConfigurationSets;
import dev.tributary.ses.internal.MailerCore;
import dev.tributary.ses.internal.Screened;
import dev.tributary.ses.internal.SesErrors;
import dev.tributary.ses.internal.SmtpSender;
import dev.tributary.ses.model.AccountStatus;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.model.BulkEntryResult;
import dev.tributary.ses.model.BulkResult;
import dev.tributary.ses.model.ConfigurationSet;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailTemplate;
import dev.tributary.ses.model.EnsureResult;
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
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailResponse;

/**
 * Sends e-mail through Amazon SES, over the v2 API or SMTP, within the account's sending limits; the
 * blocking counterpart of {@link SesAsyncMailer}.
 *
 * <p>Every message is validated before anything is sent. Sends are paced to the account's maximum send rate
 * (one permit per recipient), refused early when the 24-hour quota is used up, and retried only for
 * throttling, 5xx and failures before the request left. A send that may have reached SES without an answer is
 * not retried (unless {@link SesOptions.Builder#retryUnknownOutcome(boolean)}): it fails with
 * {@link SesFailure#UNKNOWN_OUTCOME}. Failures are {@link SesSendException}s (SES refused),
 * {@link dev.tributary.core.TributaryValidationException}s (bad input, nothing sent) or
 * {@link dev.tributary.core.TributaryRejectedException}s (refused before sending, or after {@link #close()}).
 * Logs carry message ids only. Thread-safe; share one instance. Closing it closes only clients it created.
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
        } else if (b.clientSettings() != null || transport == SesTransport.API) {
            ClientSettings s = b.clientSettings() != null ? b.clientSettings() : ClientSettings.defaults();
            this.api = ClientHolder.owned(s.applyTo(SesV2Client.builder(),
                    UrlConnectionHttpClient.builder().connectionTimeout(s.connectTimeout())).build());
        } else {
            this.api = null;
        }
        this.core = b.core(api == null ? null : () -> ApiRequests.account(api.get().getAccount(r -> {})));
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
     * @return the message id, and the recipients skipped as suppressed
     * @throws SesSendException when SES refuses the message, or with {@link SesFailure#UNKNOWN_OUTCOME} when it
     *     may have been sent but no answer came (not retried by default)
     * @throws dev.tributary.ses.auth.SenderDomainRejectedException when the sender-domain guard refuses it
     * @throws dev.tributary.core.TributaryRejectedException when the quota is used up or no rate permit came
     * @throws TributaryValidationException when the encoded message exceeds 40 MB
     */
    public SendResult send(Email email) {
        Objects.requireNonNull(email, "email");
        SesOperation op = transport == SesTransport.SMTP ? SesOperation.SMTP : SesOperation.SEND_EMAIL;
        Screened<Email> screened = core.preSend().email(email, op);
        if (screened.message().isEmpty()) {
            return screened.nothingSent();
        }
        Email toSend = screened.message().get();
        int recipients = toSend.recipientCount();
        long start = System.nanoTime();
        String id;
        if (transport == SesTransport.SMTP) {
            SmtpSender sender = Objects.requireNonNull(smtp);
            String cs = toSend.configurationSet().orElse(core.options().defaultConfigurationSet().orElse(null));
            id = core.call(op, recipients, () -> {
                try {
                    return sender.send(toSend, cs);
                } catch (MessagingException e) {
                    throw SesErrors.translate(e, op, core.options().retryUnknownOutcome());
                }
            });
        } else {
            var request = ApiRequests.sendEmail(toSend, core.options().defaultConfigurationSet().orElse(null));
            id = core.call(op, recipients, () -> api().sendEmail(request).messageId());
        }
        core.sent(op, id, recipients, start);
        return screened.sent(id, recipients);
    }

    /**
     * Sends an e-mail rendered by SES from a stored template (always over the API).
     *
     * @param email the templated e-mail
     * @return the message id
     * @throws SesSendException when SES refuses it, with {@link SesFailure#NOT_FOUND} for a missing template,
     *     or {@link SesFailure#UNKNOWN_OUTCOME} when it may have been sent but no answer came
     */
    public SendResult send(TemplatedEmail email) {
        Objects.requireNonNull(email, "email");
        Screened<TemplatedEmail> screened = core.preSend().templated(email);
        if (screened.message().isEmpty()) {
            return screened.nothingSent();
        }
        TemplatedEmail toSend = screened.message().get();
        var request = ApiRequests.sendTemplate(toSend, core.options().defaultConfigurationSet().orElse(null));
        long start = System.nanoTime();
        String id = core.call(SesOperation.SEND_TEMPLATE, toSend.recipientCount(),
                () -> api().sendEmail(request).messageId());
        core.sent(SesOperation.SEND_TEMPLATE, id, toSend.recipientCount(), start);
        return screened.sent(id, toSend.recipientCount());
    }

    /**
     * Sends a templated e-mail to many destinations in SendBulkEmail calls of at most 50 destinations. All
     * data is serialised before the first call; a call that fails after its retries marks its destinations
     * as failed (status {@code FAILED}, or {@code UNKNOWN_OUTCOME} when they may have been sent) and the
     * remaining calls still run. Suppressed destinations are reported {@code SUPPRESSED}.
     *
     * @param bulk the bulk e-mail
     * @return one result per destination, in order
     */
    public BulkResult sendBulk(BulkEmail bulk) {
        Objects.requireNonNull(bulk, "bulk");
        BulkSuppression screened = core.preSend().bulk(bulk);
        if (screened.kept().isEmpty()) {
            return screened.merge(List.of());
        }
        BulkEmail toSend = screened.kept().get();
        List<SendBulkEmailRequest> requests =
                ApiRequests.sendBulk(toSend, core.options().defaultConfigurationSet().orElse(null));
        List<BulkEntryResult> results = new ArrayList<>();
        int offset = 0;
        for (SendBulkEmailRequest request : requests) {
            long start = System.nanoTime();
            try {
                SendBulkEmailResponse response = core.call(SesOperation.SEND_BULK_EMAIL,
                        ApiRequests.recipients(request), () -> api().sendBulkEmail(request));
                results.addAll(core.bulkAccepted(toSend, response.bulkEmailEntryResults(), offset, start));
            } catch (TributaryValidationException e) {
                throw e;
            } catch (TributaryException e) {
                results.addAll(ApiRequests.bulkFailed(request, offset, e));
            }
            offset += request.bulkEmailEntries().size();
        }
        return screened.merge(results);
    }

    /**
     * Creates a stored template.
     *
     * @param template the template
     * @throws SesSendException when SES refuses it (for example it already exists)
     */
    public void createTemplate(EmailTemplate template) {
        var request = ApiRequests.createTemplate(template);
        core.call(SesOperation.CREATE_TEMPLATE, 0, () -> api().createEmailTemplate(request));
    }

    /**
     * Replaces a stored template's content.
     *
     * @param template the template
     * @throws SesSendException when SES refuses it, with {@link SesFailure#NOT_FOUND} when it does not exist
     */
    public void updateTemplate(EmailTemplate template) {
        var request = ApiRequests.updateTemplate(template);
        core.call(SesOperation.UPDATE_TEMPLATE, 0, () -> api().updateEmailTemplate(request));
    }

    /**
     * Deletes a stored template.
     *
     * @param name the template name
     * @throws SesSendException when SES refuses it
     */
    public void deleteTemplate(String name) {
        core.call(SesOperation.DELETE_TEMPLATE, 0, () -> api().deleteEmailTemplate(b -> b.templateName(name)));
    }

    /**
     * Reads a stored template.
     *
     * @param name the template name
     * @return the template, or empty when it does not exist
     * @throws SesSendException when SES refuses the call for another reason
     */
    public Optional<EmailTemplate> getTemplate(String name) {
        try {
            return Optional.of(core.call(SesOperation.GET_TEMPLATE, 0,
                    () -> ApiRequests.template(api().getEmailTemplate(b -> b.templateName(name)))));
        } catch (SesSendException e) {
            if (e.reason() == SesFailure.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Lists the stored templates' names, all pages.
     *
     * @return the names
     * @throws SesSendException when SES refuses the call
     */
    public List<String> listTemplates() {
        return core.call(SesOperation.LIST_TEMPLATES, 0, () -> api().listEmailTemplatesPaginator(b -> b.pageSize(100))
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
     * @throws SesSendException when SES refuses the call, with {@link SesFailure#NOT_FOUND} for a missing template
     */
    public String renderTemplate(String name, Object data) {
        var request = ApiRequests.renderTemplate(name, data);
        return core.call(SesOperation.RENDER_TEMPLATE, 0,
                () -> api().testRenderEmailTemplate(request).renderedTemplate());
    }

    /**
     * Makes a configuration set with its event destination exist as described (idempotent): creates the set
     * and the destination when missing, updates the destination when its target, event types or enabled flag
     * differ, and changes nothing otherwise. Send with it per message ({@code configurationSet(...)}) or as the
     * mailer's {@link SesOptions.Builder#defaultConfigurationSet(String)}.
     *
     * @param configurationSet the configuration set and destination
     * @return {@link EnsureResult#CREATED}, {@link EnsureResult#UPDATED} or {@link EnsureResult#UNCHANGED}
     * @throws SesSendException when SES refuses a call (for example the topic ARN is invalid)
     */
    public EnsureResult ensureConfigurationSet(ConfigurationSet configurationSet) {
        Objects.requireNonNull(configurationSet, "configurationSet");
        return core.call(SesOperation.ENSURE_CONFIGURATION_SET, 0,
                () -> ConfigurationSets.ensure(api(), configurationSet));
    }

    /**
     * Reads the account's sending limits and standing now (GetAccount).
     *
     * @return the status
     */
    public AccountStatus account() {
        return core.call(SesOperation.GET_ACCOUNT, 0, () -> ApiRequests.account(api().getAccount(b -> {})));
    }

    /**
     * Returns a snapshot of the mailer's counters since it was built (sent, recipients, failed, suppressed) and the
     * send rate it paces to now.
     *
     * @return the metrics
     */
    public SesMetrics metrics() {
        return core.metrics();
    }

    /** Returns the transport {@link #send(Email)} uses. */
    public SesTransport transport() {
        return transport;
    }

    /**
     * Closes the SES client if the mailer created it; a client passed in stays open. Idempotent; later calls fail
     * with {@link dev.tributary.core.TributaryRejectedException} reason {@code CLOSED}.
     */
    @Override
    public void close() {
        if (core.close() && api != null) {
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
    public static final class Builder extends MailerBuilder<Builder> {
        private @Nullable SesV2Client client;
        private @Nullable SmtpSettings smtp;
        private SesTransport transport = SesTransport.API;

        private Builder() {}

        /** Uses the user's SES v2 client; the mailer never closes it. Give it an API call timeout. */
        public Builder client(SesV2Client client) {
            this.client = Objects.requireNonNull(client, "client");
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
            checkOneClient(client);
            return new SesMailer(this);
        }
    }
}
