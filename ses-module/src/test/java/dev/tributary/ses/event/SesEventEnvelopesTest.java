package dev.tributary.ses.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.core.TributaryValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SesEventEnvelopesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SnsTestSigner SIGNER = new SnsTestSigner();
    private static final SnsMessageVerifier VERIFIER = SIGNER.verifierBuilder().build();

    private static String sns(String record) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("Type", "Notification");
        n.put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324");
        n.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:ses-events");
        n.put("Message", record);
        n.put("Timestamp", "2024-03-01T10:00:05.000Z");
        return JSON.writeValueAsString(n);
    }

    private static String eventBridge(String record, String detailType) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("version", "0");
        n.put("detail-type", detailType);
        n.put("source", "aws.ses");
        n.set("detail", JSON.readTree(record));
        return JSON.writeValueAsString(n);
    }

    private static String sqsMessage(String body) throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("MessageId", "5fea7756-0ea4-451a-a703-a558b933e274");
        n.put("ReceiptHandle", "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a");
        n.put("Body", body);
        return JSON.writeValueAsString(n);
    }

    private static void assertRejected(Runnable call, String field, String... messageParts) {
        assertThatThrownBy(call::run).isInstanceOf(TributaryValidationException.class)
                .satisfies(e -> assertThat(((TributaryValidationException) e).field()).isEqualTo(field))
                .hasMessageContainingAll(messageParts);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bounce.json", "complaint.json", "delivery.json", "send.json", "reject.json",
            "open.json", "click.json", "rendering-failure.json", "delivery-delay.json", "subscription.json"})
    void parse_everyEnvelope_givesTheSameEventAsTheRecord(String fixture) throws Exception {
        String record = Fixtures.read(fixture);
        SesEvent expected = SesEvents.fromRecord(record);
        String detailType = expected.type().eventBridgeDetailType();

        assertThat(SesEvents.parse(record)).isEqualTo(expected);
        assertThat(SesEvents.parse(sns(record))).isEqualTo(expected);
        assertThat(SesEvents.fromSns(SIGNER.notification(record, null, "2").toString(), VERIFIER))
                .isEqualTo(expected);
        assertThat(SesEvents.parse(sqsMessage(sns(record)))).isEqualTo(expected);
        assertThat(SesEvents.fromSqs(sns(record))).isEqualTo(expected);
        assertThat(SesEvents.fromSqs(record)).isEqualTo(expected); // raw message delivery
        assertThat(SesEvents.fromSqs(sqsMessage(sns(record)))).isEqualTo(expected);
        assertThat(SesEvents.parse(eventBridge(record, detailType))).isEqualTo(expected);
        assertThat(SesEvents.fromEventBridge(eventBridge(record, detailType))).isEqualTo(expected);
        assertThat(SesEvents.fromSqs(eventBridge(record, detailType))).isEqualTo(expected);
        assertThat(SesEvents.parse(sqsMessage(eventBridge(record, detailType)))).isEqualTo(expected);
    }

    @Test
    void parse_identityNotificationFixture_isTransientBounceNotHard() {
        SesEvent event = SesEvents.parse(Fixtures.read("sns-transient-bounce.json"));

        assertThat(event).isInstanceOfSatisfying(BounceEvent.class, b -> {
            assertThat(b.bounceType()).isEqualTo(BounceType.TRANSIENT);
            assertThat(b.isHard()).isFalse();
            assertThat(b.bounceSubType()).isEqualTo("MailboxFull");
            assertThat(b.bouncedRecipients()).extracting(BouncedRecipient::status).containsExactly("4.2.2");
            assertThat(b.remoteMtaIp()).isEqualTo("127.0.2.0");
            assertThat(b.messageId()).isEqualTo("00000138111222aa-33322211-cccc-cccc-cccc-ddddaaaa0680-000000");
        });
        assertThat(SesEvents.parse(Fixtures.read("sns-transient-bounce.json"))).isEqualTo(event);
        assertThat(SesEvents.fromSqs(Fixtures.read("sns-transient-bounce.json"))).isEqualTo(event);
    }

    @Test
    void fromEventBridge_bouncedFixture_isHardBounceWithTags() {
        SesEvent event = SesEvents.fromEventBridge(Fixtures.read("eventbridge-bounce.json"));

        assertThat(event).isInstanceOfSatisfying(BounceEvent.class, b -> {
            assertThat(b.isHard()).isTrue();
            assertThat(b.bounceSubType()).isEqualTo("OnAccountSuppressionList");
            assertThat(b.bouncedRecipients()).extracting(BouncedRecipient::emailAddress)
                    .containsExactly("Gone@Example.com");
            assertThat(b.mail().tag("flow")).containsExactly("receipt");
            assertThat(b.mail().subject()).contains("Your receipt");
        });
        assertThat(SesEvents.parse(Fixtures.read("eventbridge-bounce.json"))).isEqualTo(event);
    }

    @Test
    void fromEventBridge_detailWithoutEventType_usesDetailType() throws Exception {
        ObjectNode detail = (ObjectNode) JSON.readTree(Fixtures.read("open.json"));
        detail.remove("eventType");

        SesEvent event = SesEvents.fromEventBridge(eventBridge(JSON.writeValueAsString(detail), "Email Opened"));

        assertThat(event).isInstanceOf(OpenEvent.class);
    }

    @Test
    void parse_unknownFields_areIgnored() throws Exception {
        ObjectNode record = (ObjectNode) JSON.readTree(Fixtures.read("bounce.json"));
        record.put("futureTopLevel", 1);
        ((ObjectNode) record.get("mail")).putObject("futureObject").put("x", "y");
        ((ObjectNode) record.get("bounce")).putArray("futureList").add(1);

        SesEvent event = SesEvents.parse(JSON.writeValueAsString(record));

        assertThat(event).isEqualTo(SesEvents.parse(Fixtures.read("bounce.json")));
    }

    @Test
    void parse_malformedJson_namesLocationButNotContent() {
        assertRejected(() -> SesEvents.parse("{\"eventType\": ann@example.com}"), "json", "not valid JSON", "line 1");
        assertThatThrownBy(() -> SesEvents.parse("{\"eventType\": ann@example.com}"))
                .message().doesNotContain("ann@example.com");
    }

    @Test
    void parse_emptyOrNonObject_isRejected() {
        assertRejected(() -> SesEvents.parse(" "), "json", "empty");
        assertRejected(() -> SesEvents.parse("[1,2]"), "json", "JSON object");
    }

    @Test
    void parse_unknownEventType_listsKnownTypes() {
        String record = Fixtures.read("send.json").replace("\"Send\"", "\"Teleport\"");

        assertRejected(() -> SesEvents.parse(record), "eventType", "'Teleport' is not", "Bounce", "DeliveryDelay");
    }

    @Test
    void parse_unknownEventTypeShapedLikeAddress_isNotEchoed() {
        String record = Fixtures.read("send.json").replace("\"Send\"", "\"ann@example.com\"");

        assertThatThrownBy(() -> SesEvents.parse(record)).isInstanceOf(TributaryValidationException.class)
                .message().doesNotContain("ann@example.com").contains("is not an SES event type");
    }

    @Test
    void parse_missingType_explainsBothKeys() throws Exception {
        ObjectNode record = (ObjectNode) JSON.readTree(Fixtures.read("send.json"));
        record.remove("eventType");

        assertRejected(() -> SesEvents.fromRecord(record.toString()), "eventType", "eventType", "notificationType");
    }

    @Test
    void parse_missingRequiredField_namesThePath() throws Exception {
        ObjectNode record = (ObjectNode) JSON.readTree(Fixtures.read("bounce.json"));
        ((ObjectNode) record.get("bounce")).put("bounceType", "Sideways");
        assertRejected(() -> SesEvents.parse(record.toString()), "bounce.bounceType", "Permanent");

        ObjectNode noMail = (ObjectNode) JSON.readTree(Fixtures.read("bounce.json"));
        noMail.remove("mail");
        assertRejected(() -> SesEvents.parse(noMail.toString()), "mail", "required");

        ObjectNode noBounce = (ObjectNode) JSON.readTree(Fixtures.read("bounce.json"));
        noBounce.remove("bounce");
        assertRejected(() -> SesEvents.parse(noBounce.toString()), "bounce", "required");

        ObjectNode badTime = (ObjectNode) JSON.readTree(Fixtures.read("bounce.json"));
        ((ObjectNode) badTime.get("mail")).put("timestamp", "yesterday");
        assertRejected(() -> SesEvents.parse(badTime.toString()), "mail.timestamp", "ISO-8601");
    }

    @Test
    void parse_snsSubscriptionConfirmation_saysToConfirm() throws Exception {
        ObjectNode n = JSON.createObjectNode();
        n.put("Type", "SubscriptionConfirmation");
        n.put("Message", "You have chosen to subscribe to the topic");
        n.put("SubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription");

        assertRejected(() -> SesEvents.parse(n.toString()), "Type", "SubscribeURL");
    }

    @Test
    void parse_inboundReceiptNotification_pointsToInboundParser() {
        String receipt = "{\"notificationType\":\"Received\",\"mail\":{},\"receipt\":{}}";

        assertRejected(() -> SesEvents.parse(receipt), "notificationType", "InboundNotifications");
    }

    @Test
    void explicitEntryPoints_wrongEnvelope_areRejected() {
        String record = Fixtures.read("send.json");

        assertThatThrownBy(() -> SesEvents.fromSns(record)).isInstanceOf(SnsMessageRejectedException.class)
                .hasMessageContaining("Type must be Notification");
        assertRejected(() -> SesEvents.fromEventBridge(record), "detail", "required");
        assertRejected(() -> SesEvents.fromSqs("{\"hello\":1}"), "body", "neither");
        assertRejected(() -> SesEvents.parse("{\"hello\":1}"), "json", "not an SES event");
    }

    @Test
    void fromEventBridge_nonEmailDetailType_isRejected() {
        String event = "{\"detail-type\":\"Sending Status Disabled\",\"source\":\"aws.ses\",\"detail\":{}}";

        assertRejected(() -> SesEvents.fromEventBridge(event), "detail-type", "Email Bounced");
    }
}
