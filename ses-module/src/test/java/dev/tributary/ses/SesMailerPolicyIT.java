package dev.tributary.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.ses.auth.SenderDomainGuard;
import dev.tributary.ses.auth.SenderDomainRejectedException;
import dev.tributary.ses.model.BulkDestination;
import dev.tributary.ses.model.BulkResult;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailTemplate;
import dev.tributary.ses.model.SendResult;
import dev.tributary.ses.suppression.InMemorySuppressionStore;
import dev.tributary.ses.suppression.SuppressionReason;
import dev.tributary.testkit.LocalDns;
import dev.tributary.testkit.LocalDnsExtension;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesEmulatorExtension;
import dev.tributary.testkit.StoredEmail;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The mailer's pre-send policies: suppressed recipients are skipped, unauthenticated sender domains refused. */
@ExtendWith(SesEmulatorExtension.class)
class SesMailerPolicyIT {
    @RegisterExtension
    static LocalDnsExtension dns = LocalDnsExtension.of(GuardedZones.zones());

    private final LocalSes ses;

    SesMailerPolicyIT(LocalSes ses) {
        this.ses = ses;
    }

    @BeforeEach
    void clear() {
        ses.clearStore();
    }

    @Test
    void send_suppressedRecipients_areSkippedAndReported() {
        InMemorySuppressionStore store = InMemorySuppressionStore.create();
        store.suppress("ann@example.com", SuppressionReason.BOUNCE, Instant.now());
        try (SesMailer mailer = SesMailer.builder().clientSettings(SesMailerIT.settings(ses))
                .options(SesOptions.builder().suppressionList(store).build()).build()) {
            SendResult partly = mailer.send(Email.builder().from("shop@example.com").to("ANN@example.com", "bob@example.com")
                    .subject("s").text("t").build());
            SendResult none = mailer.send(Email.builder().from("shop@example.com").to("ann@example.com")
                    .subject("s").text("t").build());

            assertThat(partly.sent()).isTrue();
            assertThat(partly.suppressed()).containsExactly("ANN@example.com");
            assertThat(none.sent()).isFalse();
            assertThat(ses.emails()).singleElement().extracting(StoredEmail::to).asList().containsExactly("bob@example.com");

            String template = "supp_" + System.nanoTime();
            mailer.createTemplate(EmailTemplate.of(template, "Hi {{n}}", "x", null));
            BulkResult bulk = mailer.sendBulk(BulkEmail.builder().from("shop@example.com").template(template)
                    .destination(BulkDestination.to("c@example.com", Map.of("n", 1)))
                    .destination(BulkDestination.to("ann@example.com", Map.of("n", 2)))
                    .destination(BulkDestination.to("d@example.com", Map.of("n", 3))).build());
            assertThat(bulk.entries()).extracting(e -> e.status()).containsExactly("SUCCESS", "SUPPRESSED", "SUCCESS");
            assertThat(ses.emails()).hasSize(3);
            mailer.deleteTemplate(template);
            assertThat(mailer.metrics()).extracting(SesMetrics::sent, SesMetrics::recipients, SesMetrics::suppressed)
                    .containsExactly(3L, 3L, 3L);
        }
    }

    @Test
    void send_enforcedGuard_refusesUnauthenticatedDomainAndAllowsGoodOne(LocalDns server) {
        SenderDomainGuard guard = GuardedZones.enforcing(server);
        try (SesMailer mailer = SesMailer.builder().clientSettings(SesMailerIT.settings(ses))
                .options(SesOptions.builder().senderDomainGuard(guard).build()).build()) {
            assertThatThrownBy(() -> mailer.send(Email.builder().from("shop@bad.test").to("x@example.com")
                            .subject("s").text("t").build()))
                    .isInstanceOf(SenderDomainRejectedException.class)
                    .satisfies(e -> assertThat(((SenderDomainRejectedException) e).failedCheckIds()).contains("dkim"));
            assertThat(ses.emails()).isEmpty();

            mailer.send(Email.builder().from("shop@good.test").to("x@example.com").subject("s").text("t").build());
            assertThat(ses.emails()).hasSize(1);
        }
    }
}
