package dev.tributary.ses;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tributary.ses.event.SesEventType;
import dev.tributary.ses.model.ConfigurationSet;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailTemplate;
import dev.tributary.ses.model.EnsureResult;
import dev.tributary.ses.model.ListManagement;
import dev.tributary.ses.model.TemplatedEmail;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesEmulatorExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.EventDestination;
import software.amazon.awssdk.services.sesv2.model.EventType;

/** Configuration sets ensured from code, and what send requests carry: configuration set and list management. */
@ExtendWith(SesEmulatorExtension.class)
class SesConfigurationSetIT {
    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-events";
    private static final String BUS = "arn:aws:events:us-east-1:123456789012:event-bus/default";

    private final LocalSes ses;

    SesConfigurationSetIT(LocalSes ses) {
        this.ses = ses;
    }

    @BeforeEach
    void clear() {
        ses.clearStore();
    }

    private SesMailer mailer(SesOptions.Builder options) {
        return SesMailer.builder().clientSettings(SesMailerIT.settings(ses)).options(options.quotaAware(false).build())
                .build();
    }

    private SesV2Client raw() {
        return SesMailerIT.settings(ses).applyTo(SesV2Client.builder())
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
    }

    @Test
    void ensureConfigurationSet_createThenRepeatThenChange_isIdempotentAndUpdatesDestination() {
        String name = "tx_" + System.nanoTime();
        ConfigurationSet sns = ConfigurationSet.builder(name).snsDestination("events", TOPIC)
                .events(SesEventType.BOUNCE, SesEventType.COMPLAINT).build();
        try (SesMailer mailer = mailer(SesOptions.builder()); SesV2Client raw = raw()) {
            assertThat(mailer.ensureConfigurationSet(sns)).isEqualTo(EnsureResult.CREATED);
            assertThat(mailer.ensureConfigurationSet(sns)).isEqualTo(EnsureResult.UNCHANGED);

            ConfigurationSet more = ConfigurationSet.builder(name).snsDestination("events", TOPIC)
                    .events(SesEventType.BOUNCE, SesEventType.COMPLAINT, SesEventType.DELIVERY).build();
            assertThat(mailer.ensureConfigurationSet(more)).isEqualTo(EnsureResult.UPDATED);
            assertThat(destination(raw, name).matchingEventTypes())
                    .containsExactlyInAnyOrder(EventType.BOUNCE, EventType.COMPLAINT, EventType.DELIVERY);
            assertThat(destination(raw, name).snsDestination().topicArn()).isEqualTo(TOPIC);

            ConfigurationSet bridge = ConfigurationSet.builder(name).eventBridgeDestination("events", BUS)
                    .events(SesEventType.BOUNCE, SesEventType.COMPLAINT, SesEventType.DELIVERY).build();
            assertThat(mailer.ensureConfigurationSet(bridge)).isEqualTo(EnsureResult.UPDATED);
            assertThat(destination(raw, name).eventBridgeDestination().eventBusArn()).isEqualTo(BUS);
            assertThat(destination(raw, name).snsDestination()).isNull();
            assertThat(mailer.ensureConfigurationSet(bridge)).isEqualTo(EnsureResult.UNCHANGED);
            assertThat(raw.getConfigurationSetEventDestinations(b -> b.configurationSetName(name))
                    .eventDestinations()).hasSize(1);
        }
    }

    @Test
    void ensureConfigurationSetAsync_createThenRepeatThenChange_isIdempotentAndUpdatesDestination() throws Exception {
        String name = "txa_" + System.nanoTime();
        ConfigurationSet sns = ConfigurationSet.builder(name).snsDestination("events", TOPIC)
                .events(SesEventType.BOUNCE).build();
        ConfigurationSet bridge = ConfigurationSet.builder(name).eventBridgeDestination("events", BUS)
                .events(SesEventType.BOUNCE, SesEventType.DELIVERY).build();
        try (SesAsyncMailer mailer = SesAsyncMailer.builder().clientSettings(SesMailerIT.settings(ses))
                .options(SesOptions.builder().quotaAware(false).build()).build(); SesV2Client raw = raw()) {
            assertThat(mailer.ensureConfigurationSet(sns).get(20, TimeUnit.SECONDS)).isEqualTo(EnsureResult.CREATED);
            assertThat(mailer.ensureConfigurationSet(sns).get(20, TimeUnit.SECONDS)).isEqualTo(EnsureResult.UNCHANGED);
            assertThat(mailer.ensureConfigurationSet(bridge).get(20, TimeUnit.SECONDS)).isEqualTo(EnsureResult.UPDATED);

            assertThat(destination(raw, name).eventBridgeDestination().eventBusArn()).isEqualTo(BUS);
            assertThat(destination(raw, name).matchingEventTypes())
                    .containsExactlyInAnyOrder(EventType.BOUNCE, EventType.DELIVERY);
            assertThat(destination(raw, name).snsDestination()).isNull();
        }
    }

    @Test
    void ensureConfigurationSetAsync_setExistsWithoutDestination_createsTheDestination() throws Exception {
        String name = "txb_" + System.nanoTime();
        ConfigurationSet sns = ConfigurationSet.builder(name).snsDestination("events", TOPIC)
                .events(SesEventType.COMPLAINT).build();
        try (SesAsyncMailer mailer = SesAsyncMailer.builder().clientSettings(SesMailerIT.settings(ses))
                .options(SesOptions.builder().quotaAware(false).build()).build(); SesV2Client raw = raw()) {
            raw.createConfigurationSet(b -> b.configurationSetName(name));

            assertThat(mailer.ensureConfigurationSet(sns).get(20, TimeUnit.SECONDS)).isEqualTo(EnsureResult.CREATED);
            assertThat(destination(raw, name).snsDestination().topicArn()).isEqualTo(TOPIC);
        }
    }

    private static EventDestination destination(SesV2Client raw, String set) {
        return raw.getConfigurationSetEventDestinations(b -> b.configurationSetName(set)).eventDestinations().get(0);
    }

    @Test
    void send_listManagementAndConfigurationSets_areCarriedByTheRequests() throws Exception {
        String template = "lm_" + System.nanoTime();
        ListManagement news = ListManagement.of("customers", "newsletter");
        try (SesMailer mailer = mailer(SesOptions.builder().defaultConfigurationSet("default-cs"));
                SesAsyncMailer async = SesAsyncMailer.builder().clientSettings(SesMailerIT.settings(ses))
                        .options(SesOptions.builder().quotaAware(false).defaultConfigurationSet("default-cs").build())
                        .build()) {
            mailer.createTemplate(EmailTemplate.of(template, "Hi {{n}}", "x", null));
            String plain = mailer.send(Email.builder().from("shop@example.com").to("a@example.com").subject("s")
                    .text("t").listManagement(news).build()).messageId();
            String templated = mailer.send(TemplatedEmail.builder().from("shop@example.com").to("b@example.com")
                    .template(template).data(Map.of("n", 1)).configurationSet("marketing")
                    .listManagement(ListManagement.of("customers", null)).build()).messageId();
            String viaAsync = async.send(Email.builder().from("shop@example.com").to("c@example.com").subject("s")
                    .text("t").listManagement(news).build()).get(20, TimeUnit.SECONDS).messageId();
            mailer.deleteTemplate(template);

            List<JsonNode> requests = ses.sendRequests();
            assertThat(requests).hasSize(3);
            assertThat(request(requests, plain).path("configurationSetName").asText()).isEqualTo("default-cs");
            assertThat(request(requests, plain).path("listManagementOptions").path("ContactListName").asText())
                    .isEqualTo("customers");
            assertThat(request(requests, plain).path("listManagementOptions").path("TopicName").asText())
                    .isEqualTo("newsletter");
            assertThat(request(requests, templated).path("configurationSetName").asText()).isEqualTo("marketing");
            assertThat(request(requests, templated).path("listManagementOptions").has("TopicName")).isFalse();
            assertThat(request(requests, viaAsync).path("listManagementOptions").path("TopicName").asText())
                    .isEqualTo("newsletter");
        }
    }

    private static JsonNode request(List<JsonNode> requests, String messageId) {
        return requests.stream().filter(r -> r.path("messageIds").toString().contains(messageId)).findFirst()
                .orElseThrow();
    }

    @Test
    void sendSmtp_listManagement_isSesSmtpHeader() {
        SmtpSettings smtp = SmtpSettings.builder().host("127.0.0.1").port(greenMail.getSmtp().getPort())
                .security(SmtpSettings.Security.NONE).build();
        try (SesMailer mailer = SesMailer.builder().smtp(smtp).options(SesOptions.builder().quotaAware(false).build())
                .build()) {
            mailer.send(Email.builder().from("shop@example.com").to("a@example.com").subject("s").text("t")
                    .listManagement(ListManagement.of("customers", "newsletter")).build());
        }
        assertThat(GreenMailUtil.getWholeMessage(greenMail.getReceivedMessages()[0]))
                .contains("X-SES-LIST-MANAGEMENT-OPTIONS: customers; topic=newsletter");
    }
}
