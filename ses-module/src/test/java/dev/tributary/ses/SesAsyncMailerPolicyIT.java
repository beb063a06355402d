package dev.tributary.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.ses.auth.SenderDomainGuard;
import dev.tributary.ses.auth.SenderDomainRejectedException;
import dev.tributary.ses.model.BulkDestination;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.model.BulkResult;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailTemplate;
import dev.tributary.ses.model.SendResult;
import dev.tributary.ses.model.TemplatedEmail;
import dev.tributary.ses.suppression.SuppressionList;
import dev.tributary.testkit.LocalDns;
import dev.tributary.testkit.LocalDnsExtension;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesEmulatorExtension;
import dev.tributary.testkit.StoredEmail;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The async mailer runs the same pre-send step as the sync one for every message kind (guard, suppression),
 * has the template operations, and both name operations the same way in onSent and onFailed.
 */
@ExtendWith(SesEmulatorExtension.class)
class SesAsyncMailerPolicyIT {
    @RegisterExtension
    static LocalDnsExtension dns = LocalDnsExtension.of(GuardedZones.zones());

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final LocalSes ses;
    private final RecordingListener recorder = new RecordingListener();
    private final List<String> events = recorder.events;

    SesAsyncMailerPolicyIT(LocalSes ses) {
        this.ses = ses;
    }

    @BeforeEach
    void clear() {
        ses.clearStore();
        events.clear();
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private SesAsyncMailer mailer(SesOptions.Builder options) {
        return SesAsyncMailer.builder().clientSettings(SesMailerIT.settings(ses))
                .options(options.quotaAware(false).build()).listener(recorder).build();
    }

    private static BulkEmail bulk(String from, String template, String... recipients) {
        BulkEmail.Builder b = BulkEmail.builder().from(from).template(template);
        for (int i = 0; i < recipients.length; i++) {
            b.destination(BulkDestination.to(recipients[i], Map.of("n", i)));
        }
        return b.build();
    }

    @Test
    void send_enforcedGuard_refusesEveryMessageKindOfUnauthenticatedDomain(LocalDns server) throws Exception {
        SenderDomainGuard guard = GuardedZones.enforcing(server);
        String template = "guard_" + System.nanoTime();
        try (SesAsyncMailer mailer = mailer(SesOptions.builder().senderDomainGuard(guard))) {
            await(mailer.createTemplate(EmailTemplate.of(template, "Hi {{n}}", "x", null)));

            List<CompletableFuture<?>> refused = List.of(
                    mailer.send(Email.builder().from("shop@bad.test").to("x@example.com").subject("s").text("t").build()),
                    mailer.send(TemplatedEmail.builder().from("shop@bad.test").to("x@example.com").template(template)
                            .data(Map.of("n", 1)).build()),
                    mailer.sendBulk(bulk("shop@bad.test", template, "a@example.com", "b@example.com")));

            for (CompletableFuture<?> f : refused) {
                assertThatThrownBy(() -> f.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SenderDomainRejectedException.class);
            }
            assertThat(ses.emails()).isEmpty();
            assertThat(events).containsExactly("failed:SendEmail", "failed:SendTemplate", "failed:SendBulkEmail");

            await(mailer.send(Email.builder().from("shop@good.test").to("x@example.com").subject("s").text("t").build()));
            await(mailer.send(TemplatedEmail.builder().from("shop@good.test").to("x@example.com").template(template)
                    .data(Map.of("n", 1)).build()));
            BulkResult ok = await(mailer.sendBulk(bulk("shop@good.test", template, "a@example.com", "b@example.com")));
            assertThat(ok.succeeded()).isEqualTo(2);
            assertThat(ses.emails()).hasSize(4);
            await(mailer.deleteTemplate(template));
        }
    }

    @Test
    void send_suppressedRecipients_areSkippedForEveryMessageKind() throws Exception {
        SuppressionList suppressed = SuppressionList.of(List.of("ann@example.com", "bob@example.com"));
        String template = "supp_" + System.nanoTime();
        try (SesAsyncMailer mailer = mailer(SesOptions.builder().suppressionList(suppressed))) {
            await(mailer.createTemplate(EmailTemplate.of(template, "Hi {{n}}", "x", null)));

            SendResult plain = await(mailer.send(Email.builder().from("shop@example.com")
                    .to("ANN@example.com", "carl@example.com").subject("s").text("t").build()));
            SendResult templated = await(mailer.send(TemplatedEmail.builder().from("shop@example.com")
                    .to("dora@example.com").bcc("bob@example.com").template(template).data(Map.of("n", 1)).build()));
            SendResult nobody = await(mailer.send(TemplatedEmail.builder().from("shop@example.com")
                    .to("bob@example.com").template(template).data(Map.of("n", 1)).build()));
            BulkResult bulk = await(mailer.sendBulk(bulk("shop@example.com", template,
                    "erin@example.com", "ann@example.com", "fred@example.com")));

            assertThat(plain.suppressed()).containsExactly("ANN@example.com");
            assertThat(templated.suppressed()).containsExactly("bob@example.com");
            assertThat(templated.recipients()).isEqualTo(1);
            assertThat(nobody.sent()).isFalse();
            assertThat(bulk.entries()).extracting(e -> e.status()).containsExactly("SUCCESS", "SUPPRESSED", "SUCCESS");
            assertThat(ses.emails()).flatExtracting(e -> e.to()).containsExactlyInAnyOrder(
                    "carl@example.com", "dora@example.com", "erin@example.com", "fred@example.com");
            assertThat(ses.emails()).flatExtracting(StoredEmail::bcc).isEmpty();
            await(mailer.deleteTemplate(template));
        }
    }

    @Test
    void templates_async_createGetUpdateListRenderDelete() throws Exception {
        String name = "async_tpl_" + System.nanoTime();
        try (SesAsyncMailer mailer = mailer(SesOptions.builder())) {
            await(mailer.createTemplate(EmailTemplate.of(name, "Hi {{name}}", "Welcome, {{name}}!", null)));
            assertThat(await(mailer.getTemplate(name))).get().extracting(EmailTemplate::subject).isEqualTo("Hi {{name}}");
            assertThat(await(mailer.listTemplates())).contains(name);
            assertThat(await(mailer.renderTemplate(name, Map.of("name", "Ann")))).contains("Hi Ann");

            await(mailer.updateTemplate(EmailTemplate.of(name, "Hello {{name}}", "v2", null)));
            assertThat(await(mailer.getTemplate(name))).get().extracting(EmailTemplate::subject).isEqualTo("Hello {{name}}");

            await(mailer.deleteTemplate(name));
            assertThat(await(mailer.getTemplate(name))).isEmpty();
        }
    }

    @Test
    void listener_sameOperationNames_inOnSentAndOnFailed_forBothMailers() throws Exception {
        String name = "ops_" + System.nanoTime();
        TemplatedEmail missing = TemplatedEmail.builder().from("shop@example.com").to("a@example.com")
                .template("missing_" + System.nanoTime()).build();
        TemplatedEmail present = TemplatedEmail.builder().from("shop@example.com").to("a@example.com")
                .template(name).data(Map.of("n", 1)).build();
        try (SesAsyncMailer mailer = mailer(SesOptions.builder())) {
            await(mailer.createTemplate(EmailTemplate.of(name, "Hi {{n}}", "x", null)));
            events.clear();
            await(mailer.send(present));
            assertThatThrownBy(() -> mailer.send(missing).join()).isInstanceOf(CompletionException.class);
        }
        try (SesMailer sync = SesMailer.builder().clientSettings(SesMailerIT.settings(ses))
                .options(SesOptions.builder().quotaAware(false).build()).listener(recorder).build()) {
            sync.send(present);
            assertThatThrownBy(() -> sync.send(missing)).isInstanceOf(SesSendException.class)
                    .satisfies(e -> assertThat(((SesSendException) e).operation()).contains(SesOperation.SEND_TEMPLATE));
            sync.deleteTemplate(name);
        }
        assertThat(events).containsExactly("sent:SendTemplate", "failed:SendTemplate",
                "sent:SendTemplate", "failed:SendTemplate");
    }
}
