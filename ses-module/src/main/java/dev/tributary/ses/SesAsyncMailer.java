package dev.tributary.ses;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.ErrorClassifier;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.core.support.ClientHolder;
import dev.tributary.ses.internal.ApiRequests;
import dev.tributary.ses.internal.BulkSuppression;
import dev.tributary.ses.internal.ConfigurationSets;
import dev.tributary.ses.internal.MailerCore;
import dev.tributary.ses.internal.Screened;
import dev.tributary.ses.internal.SesErrors;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2AsyncClient;
import software.amazon.awssdk.services.sesv2.model.SendBulkEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends e-mail through the SES v2 API without blocking, on {@link SesV2AsyncClient}: the asynchronous
 * counterpart of {@link SesMailer}, with the same validation, quota pacing, retries and typed failures.
 *
 * <p>Input is validated on the calling thread: a bad message throws
 * {@link dev.tributary.core.TributaryValidationException} at once and nothing is sent. Everything after that
 * completes the returned future, exceptionally with a {@link dev.tributary.core.TributaryException}. Rate
 * permits are awaited on a timer, never by blocking a thread. SMTP is not offered asynchronously. Thread-safe.
 *
 * <pre>{@code
 * SesAsyncMailer mailer = SesAsyncMailer.builder().client(sesV2AsyncClient).build();
 * mailer.send(email).thenAccept(r -> log.info("sent {}", r.messageId()));
 * }</pre>
 */
public final class SesAsyncMailer implements AutoCloseable {
    private final ClientHolder<SesV2AsyncClient> api;
    private final MailerCore core;

    private SesAsyncMailer(Builder b) {
        if (b.client != null) {
            this.api = ClientHolder.borrowed(b.client);
        } else {
            ClientSettings s = b.clientSettings() != null ? b.clientSettings() : ClientSettings.defaults();
            this.api = ClientHolder.owned(s.applyTo(SesV2AsyncClient.builder(),
                    NettyNioAsyncHttpClient.builder().connectionTimeout(s.connectTimeout())).build());
        }
        // GetAccount is read rarely (once a minute); blocking on it inside the quota refresh keeps the guard simple.
        this.core = b.core(() -> ApiRequests.account(api.get().getAccount(r -> {}).join()));
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a quota-aware mailer over the user's async client (never closed by the mailer).
     *
     * @param client the client
     * @return the mailer
     */
    public static SesAsyncMailer create(SesV2AsyncClient client) {
        return builder().client(client).build();
    }

    /**
     * Sends one e-mail: Simple content, or Raw MIME when it has attachments. The sender-domain guard and the
     * suppression list run first, on the calling thread (the guard may query DNS on a cache miss).
     *
     * @param email the e-mail
     * @return the result (suppressed recipients listed), or a future failed with {@link SesSendException},
     *     {@link dev.tributary.ses.auth.SenderDomainRejectedException} or
     *     {@link dev.tributary.core.TributaryRejectedException}
     * @throws TributaryValidationException when the message is invalid (nothing is sent)
     */
    public CompletableFuture<SendResult> send(Email email) {
        Objects.requireNonNull(email, "email");
        return send(SesOperation.SEND_EMAIL, () -> core.preSend().email(email, SesOperation.SEND_EMAIL),
                e -> ApiRequests.sendEmail(e, defaultConfigurationSet()), Email::recipientCount);
    }

    /**
     * Sends an e-mail rendered from a stored template, after the same pre-send step as {@link #send(Email)}.
     *
     * @param email the templated e-mail
     * @return the result future, failed as for {@link #send(Email)}; {@link SesFailure#NOT_FOUND} for a
     *     missing template
     * @throws TributaryValidationException when the template data cannot be serialised
     */
    public CompletableFuture<SendResult> send(TemplatedEmail email) {
        Objects.requireNonNull(email, "email");
        return send(SesOperation.SEND_TEMPLATE, () -> core.preSend().templated(email),
                e -> ApiRequests.sendTemplate(e, defaultConfigurationSet()), TemplatedEmail::recipientCount);
    }

    private <M> CompletableFuture<SendResult> send(SesOperation op, Supplier<Screened<M>> preSend,
            Function<M, SendEmailRequest> request, ToIntFunction<M> recipients) {
        Screened<M> screened;
        try {
            screened = preSend.get();
        } catch (TributaryValidationException e) {
            throw e;
        } catch (TributaryException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (screened.message().isEmpty()) {
            return CompletableFuture.completedFuture(screened.nothingSent());
        }
        M message = screened.message().get();
        int count = recipients.applyAsInt(message);
        return send(op, request.apply(message), count).thenApply(id -> screened.sent(id, count));
    }

    private CompletableFuture<String> send(SesOperation op, SendEmailRequest request, int recipients) {
        long start = System.nanoTime();
        return core.callAsync(op, recipients, () -> api.get().sendEmail(request))
                .thenApply(r -> {
                    core.sent(op, r.messageId(), recipients, start);
                    return r.messageId();
                });
    }

    /**
     * Sends a bulk e-mail in calls of at most 50 destinations, all in flight together (paced by the quota),
     * after the same pre-send step as {@link #send(Email)}. A call that fails after its retries marks its
     * destinations {@code FAILED} ({@code UNKNOWN_OUTCOME} when they may have been sent); suppressed
     * destinations are reported {@code SUPPRESSED}.
     *
     * @param bulk the bulk e-mail
     * @return one result per destination, in order; failed only when the sender domain is refused
     * @throws TributaryValidationException when template data cannot be serialised
     */
    public CompletableFuture<BulkResult> sendBulk(BulkEmail bulk) {
        Objects.requireNonNull(bulk, "bulk");
        BulkSuppression screened;
        try {
            screened = core.preSend().bulk(bulk);
        } catch (TributaryValidationException e) {
            throw e;
        } catch (TributaryException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (screened.kept().isEmpty()) {
            return CompletableFuture.completedFuture(screened.merge(List.of()));
        }
        BulkEmail toSend = screened.kept().get();
        List<SendBulkEmailRequest> requests = ApiRequests.sendBulk(toSend, defaultConfigurationSet());
        List<CompletableFuture<List<BulkEntryResult>>> chunks = new ArrayList<>();
        int offset = 0;
        for (SendBulkEmailRequest request : requests) {
            int from = offset;
            long start = System.nanoTime();
            chunks.add(core.callAsync(SesOperation.SEND_BULK_EMAIL, ApiRequests.recipients(request),
                            () -> api.get().sendBulkEmail(request))
                    .thenApply(r -> core.bulkAccepted(toSend, r.bulkEmailEntryResults(), from, start))
                    .exceptionally(e -> ApiRequests.bulkFailed(request, from, SesErrors.translate(
                            e, SesOperation.SEND_BULK_EMAIL, core.options().retryUnknownOutcome()))));
            offset += request.bulkEmailEntries().size();
        }
        return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<BulkEntryResult> all = new ArrayList<>();
            chunks.forEach(c -> all.addAll(c.join()));
            return screened.merge(all);
        });
    }

    /**
     * Creates a stored template.
     *
     * @param template the template
     * @return completes when created; fails with {@link SesSendException} when SES refuses (for example it exists)
     */
    public CompletableFuture<Void> createTemplate(EmailTemplate template) {
        var request = ApiRequests.createTemplate(template);
        return core.callAsync(SesOperation.CREATE_TEMPLATE, 0, () -> api.get().createEmailTemplate(request))
                .thenApply(r -> null);
    }

    /**
     * Replaces a stored template's content.
     *
     * @param template the template
     * @return completes when updated; fails with {@link SesFailure#NOT_FOUND} when it does not exist
     */
    public CompletableFuture<Void> updateTemplate(EmailTemplate template) {
        var request = ApiRequests.updateTemplate(template);
        return core.callAsync(SesOperation.UPDATE_TEMPLATE, 0, () -> api.get().updateEmailTemplate(request))
                .thenApply(r -> null);
    }

    /**
     * Deletes a stored template.
     *
     * @param name the template name
     * @return completes when deleted
     */
    public CompletableFuture<Void> deleteTemplate(String name) {
        return core.callAsync(SesOperation.DELETE_TEMPLATE, 0,
                        () -> api.get().deleteEmailTemplate(b -> b.templateName(name)))
                .thenApply(r -> null);
    }

    /**
     * Reads a stored template.
     *
     * @param name the template name
     * @return the template, or empty when it does not exist; fails with {@link SesSendException} otherwise
     */
    public CompletableFuture<Optional<EmailTemplate>> getTemplate(String name) {
        return core.callAsync(SesOperation.GET_TEMPLATE, 0, () -> api.get().getEmailTemplate(b -> b.templateName(name)))
                .thenApply(r -> Optional.of(ApiRequests.template(r)))
                .exceptionally(e -> {
                    if (ErrorClassifier.unwrap(e) instanceof SesSendException se && se.reason() == SesFailure.NOT_FOUND) {
                        return Optional.empty();
                    }
                    throw e instanceof CompletionException ce ? ce : new CompletionException(e);
                });
    }

    /**
     * Lists the stored templates' names, all pages.
     *
     * @return the names
     */
    public CompletableFuture<List<String>> listTemplates() {
        return listTemplates(null, new ArrayList<>());
    }

    private CompletableFuture<List<String>> listTemplates(@Nullable String token, List<String> names) {
        return core.callAsync(SesOperation.LIST_TEMPLATES, 0,
                        () -> api.get().listEmailTemplates(b -> b.pageSize(100).nextToken(token)))
                .thenCompose(page -> {
                    page.templatesMetadata().forEach(m -> names.add(m.templateName()));
                    return page.nextToken() == null ? CompletableFuture.completedFuture(List.copyOf(names))
                            : listTemplates(page.nextToken(), names);
                });
    }

    /**
     * Renders a stored template with data, as SES would send it (TestRenderEmailTemplate).
     *
     * @param name the template name
     * @param data the data: a record, bean or Map
     * @return the rendered MIME message text
     * @throws TributaryValidationException when the data cannot be serialised
     */
    public CompletableFuture<String> renderTemplate(String name, Object data) {
        var request = ApiRequests.renderTemplate(name, data);
        return core.callAsync(SesOperation.RENDER_TEMPLATE, 0, () -> api.get().testRenderEmailTemplate(request))
                .thenApply(r -> r.renderedTemplate());
    }

    /**
     * Makes a configuration set with its event destination exist as described (idempotent), as
     * {@link SesMailer#ensureConfigurationSet(ConfigurationSet)} does, without blocking.
     *
     * @param configurationSet the configuration set and destination
     * @return {@link EnsureResult#CREATED}, {@link EnsureResult#UPDATED} or {@link EnsureResult#UNCHANGED}; fails
     *     with {@link SesSendException} when SES refuses a call (for example the topic ARN is invalid)
     */
    public CompletableFuture<EnsureResult> ensureConfigurationSet(ConfigurationSet configurationSet) {
        Objects.requireNonNull(configurationSet, "configurationSet");
        ConfigurationSets.Calls calls = ConfigurationSets.Calls.of(api.get());
        return core.callAsync(SesOperation.ENSURE_CONFIGURATION_SET, 0,
                () -> ConfigurationSets.ensure(calls, configurationSet));
    }

    /**
     * Reads the account's sending limits and standing.
     *
     * @return the status future
     */
    public CompletableFuture<AccountStatus> account() {
        return core.callAsync(SesOperation.GET_ACCOUNT, 0, () -> api.get().getAccount(b -> {})).thenApply(ApiRequests::account);
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

    /**
     * Closes the client if the mailer created it; a client passed in stays open. Idempotent; later calls return
     * futures failed with {@link dev.tributary.core.TributaryRejectedException} reason {@code CLOSED}. Calls in
     * flight on an owned client may fail when it closes.
     */
    @Override
    public void close() {
        if (core.close()) {
            api.close();
        }
    }

    private @Nullable String defaultConfigurationSet() {
        return core.options().defaultConfigurationSet().orElse(null);
    }

    /** Builds a {@link SesAsyncMailer}. Not thread-safe. */
    public static final class Builder extends MailerBuilder<Builder> {
        private @Nullable SesV2AsyncClient client;

        private Builder() {}

        /** Uses the user's async client; never closed by the mailer. */
        public Builder client(SesV2AsyncClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Builds the mailer.
         *
         * @return the mailer
         * @throws TributaryValidationException when both a client and client settings are given
         */
        public SesAsyncMailer build() {
            checkOneClient(client);
            return new SesAsyncMailer(this);
        }
    }
}
