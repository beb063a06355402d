package dev.tributary.ses;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.TributaryException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.core.internal.ClientHolder;
import dev.tributary.ses.internal.ApiRequests;
import dev.tributary.ses.internal.MailerCore;
import dev.tributary.ses.model.AccountStatus;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.model.BulkEntryResult;
import dev.tributary.ses.model.BulkResult;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailTemplate;
import dev.tributary.ses.model.SendResult;
import dev.tributary.ses.model.TemplatedEmail;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
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
            ClientSettings s = b.clientSettings != null ? b.clientSettings : ClientSettings.defaults();
            this.api = ClientHolder.owned(s.applyTo(SesV2AsyncClient.builder())
                    .httpClientBuilder(NettyNioAsyncHttpClient.builder().connectionTimeout(s.connectTimeout()))
                    .build());
        }
        // GetAccount is read rarely (once a minute); blocking on it inside the quota refresh keeps the guard simple.
        this.core = new MailerCore(b.options, () -> ApiRequests.account(api.get().getAccount(r -> {}).join()));
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
     * Sends one e-mail: Simple content, or Raw MIME when it has attachments.
     *
     * @param email the e-mail
     * @return the message id, or a future failed with {@link SesSendException} or
     *     {@link dev.tributary.core.TributaryRejectedException}
     */
    public CompletableFuture<SendResult> send(Email email) {
        // The guard may block on DNS on a cache miss; it runs on the caller's thread, before any I/O chain.
        core.options().senderDomainGuard().check(email.from().domain());
        List<String> suppressed = core.options().suppressionList()
                .suppressedAmong(email.allRecipients().stream().map(a -> a.address()).toList());
        if (!suppressed.isEmpty()) {
            java.util.Optional<Email> remaining = email.withoutRecipients(suppressed);
            if (remaining.isEmpty()) {
                return CompletableFuture.completedFuture(new SendResult(null, 0, suppressed));
            }
            return send(remaining.get()).thenApply(r -> new SendResult(r.messageId(), r.recipients(), suppressed));
        }
        SendEmailRequest request = ApiRequests.sendEmail(email, defaultConfigurationSet());
        return send("SendEmail", request, email.allRecipients().size());
    }

    /**
     * Sends an e-mail rendered from a stored template.
     *
     * @param email the templated e-mail
     * @return the message id future
     */
    public CompletableFuture<SendResult> send(TemplatedEmail email) {
        core.options().senderDomainGuard().check(email.from().domain());
        SendEmailRequest request = ApiRequests.sendTemplate(email, defaultConfigurationSet());
        return send("SendTemplate", request, email.recipientCount());
    }

    private CompletableFuture<SendResult> send(String op, SendEmailRequest request, int recipients) {
        long start = System.nanoTime();
        return core.callAsync("ses.SendEmail", recipients, () -> api.get().sendEmail(request))
                .thenApply(r -> {
                    core.sent(op, r.messageId(), recipients, start);
                    return new SendResult(r.messageId(), recipients);
                });
    }

    /**
     * Sends a bulk e-mail in calls of at most 50 destinations, all in flight together (paced by the quota).
     * A call that fails after its retries marks its destinations {@code FAILED}.
     *
     * @param bulk the bulk e-mail
     * @return one result per destination, in order
     */
    public CompletableFuture<BulkResult> sendBulk(BulkEmail bulk) {
        List<SendBulkEmailRequest> requests = ApiRequests.sendBulk(bulk, defaultConfigurationSet());
        List<CompletableFuture<List<BulkEntryResult>>> chunks = new ArrayList<>();
        int offset = 0;
        for (SendBulkEmailRequest request : requests) {
            int from = offset;
            long start = System.nanoTime();
            chunks.add(core.callAsync("ses.SendBulkEmail", ApiRequests.recipients(request),
                            () -> api.get().sendBulkEmail(request))
                    .thenApply(r -> {
                        List<BulkEntryResult> chunk = ApiRequests.bulkResults(r.bulkEmailEntryResults(), from);
                        chunk.stream().filter(BulkEntryResult::succeeded).forEach(e -> core.sent("SendBulkEmail",
                                e.messageId(), bulk.destinations().get(e.index()).recipientCount(), start));
                        return chunk;
                    })
                    .exceptionally(e -> {
                        String msg = e.getCause() instanceof TributaryException te ? te.getMessage() : e.getMessage();
                        List<BulkEntryResult> failed = new ArrayList<>();
                        for (int i = 0; i < request.bulkEmailEntries().size(); i++) {
                            failed.add(new BulkEntryResult(from + i, "FAILED", null, msg));
                        }
                        return failed;
                    }));
            offset += request.bulkEmailEntries().size();
        }
        return CompletableFuture.allOf(chunks.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<BulkEntryResult> all = new ArrayList<>();
            chunks.forEach(c -> all.addAll(c.join()));
            return new BulkResult(all);
        });
    }

    /**
     * Creates a stored template.
     *
     * @param template the template
     * @return completes when created
     */
    public CompletableFuture<Void> createTemplate(EmailTemplate template) {
        return core.callAsync("ses.CreateEmailTemplate", 0, () -> api.get().createEmailTemplate(b -> b
                .templateName(template.name()).templateContent(ApiRequests.templateContent(template))))
                .thenApply(r -> null);
    }

    /**
     * Deletes a stored template.
     *
     * @param name the template name
     * @return completes when deleted
     */
    public CompletableFuture<Void> deleteTemplate(String name) {
        return core.callAsync("ses.DeleteEmailTemplate", 0, () -> api.get().deleteEmailTemplate(b -> b.templateName(name)))
                .thenApply(r -> null);
    }

    /**
     * Reads the account's sending limits and standing.
     *
     * @return the status future
     */
    public CompletableFuture<AccountStatus> account() {
        return core.callAsync("ses.GetAccount", 0, () -> api.get().getAccount(b -> {})).thenApply(ApiRequests::account);
    }

    /** Returns the send rate currently enforced, or 0 when sends are not paced. */
    public double currentSendRate() {
        return core.currentSendRate();
    }

    /** Closes the client if the mailer created it. */
    @Override
    public void close() {
        api.close();
    }

    private @Nullable String defaultConfigurationSet() {
        return core.options().defaultConfigurationSet().orElse(null);
    }

    /** Builds a {@link SesAsyncMailer}. Not thread-safe. */
    public static final class Builder {
        private @Nullable SesV2AsyncClient client;
        private @Nullable ClientSettings clientSettings;
        private SesOptions options = SesOptions.defaults();

        private Builder() {}

        /** Uses the user's async client; never closed by the mailer. */
        public Builder client(SesV2AsyncClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Builds (and owns) an async client from these settings. */
        public Builder clientSettings(ClientSettings settings) {
            this.clientSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Sets retries, quota awareness, default configuration set and listener. */
        public Builder options(SesOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Builds the mailer.
         *
         * @return the mailer
         * @throws TributaryValidationException when both a client and client settings are given
         */
        public SesAsyncMailer build() {
            if (client != null && clientSettings != null) {
                throw TributaryValidationException.of("client", "give either client(...) or clientSettings(...), not both");
            }
            return new SesAsyncMailer(this);
        }
    }
}
