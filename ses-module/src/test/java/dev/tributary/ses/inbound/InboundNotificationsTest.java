package dev.tributary.ses.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.SnsMessageRejectedException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InboundNotificationsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String sns(String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("Type", "Notification");
        n.put("Message", message);
        return n.toString();
    }

    private static void assertRejected(Runnable call, String field, String... parts) {
        assertThatThrownBy(call::run).isInstanceOf(TributaryValidationException.class)
                .satisfies(e -> assertThat(((TributaryValidationException) e).field()).isEqualTo(field))
                .hasMessageContainingAll(parts);
    }

    @Test
    void parse_s3Receipt_exposesEveryVerdictPolicyAndAction() {
        InboundNotification n = InboundNotifications.parse(InboundFixtures.read("receipt-s3.json"));

        Receipt r = n.receipt();
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2015-09-11T20:32:33.936Z"));
        assertThat(r.processingTimeMillis()).isEqualTo(406);
        assertThat(r.recipients()).containsExactly("recipient@example.com");
        assertThat(r.spamVerdict()).isEqualTo(Verdict.GRAY);
        assertThat(r.virusVerdict()).isEqualTo(Verdict.PASS);
        assertThat(r.spfVerdict()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(r.dkimVerdict()).isEqualTo(Verdict.DISABLED);
        assertThat(r.dmarcVerdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.dmarcPolicy()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(r.failedDmarcPolicy()).contains(DmarcPolicy.REJECT);
        assertThat(r.allPassed()).isFalse();

        ReceiptAction a = r.action();
        assertThat(a.type()).isEqualTo("S3");
        assertThat(a.bucketName()).isEqualTo("amzn-s3-demo-bucket");
        assertThat(a.objectKeyPrefix()).isEqualTo("inbound/");
        assertThat(a.objectKey()).isEqualTo("inbound/fvdfmh6mtmdc5t4nl6efsp06tj42rhanrn4ef081");
        assertThat(a.topicArn()).isEqualTo("arn:aws:sns:us-east-1:012345678912:example-topic");
        assertThat(a.s3Location()).contains(
                "s3://amzn-s3-demo-bucket/inbound/fvdfmh6mtmdc5t4nl6efsp06tj42rhanrn4ef081");
        assertThat(a.encoding()).isNull();

        assertThat(n.mail().messageId()).isEqualTo("d6iitobk75ur44p8kdnnp7g2n800");
        assertThat(n.mail().headers()).hasSize(7);
        assertThat(n.mail().commonHeaders().returnPath()).endsWith("@amazonses.com");
        assertThat(n.mail().subject()).contains("Example subject");
        assertThat(n.content()).isNull();
        assertThat(n.rawMessage()).isEmpty();
        assertThat(n.message()).isEmpty();
    }

    @Test
    void parse_snsActionWithBase64Content_decodesAndParsesTheMessage() {
        String json = InboundFixtures.read("sns-content-base64.json");

        InboundNotification n = InboundNotifications.parse(json);

        assertThat(n).isEqualTo(InboundNotifications.fromSqs(json));
        // The fixture's signature is not SNS's: the HTTP entry point must refuse it.
        assertThatThrownBy(() -> InboundNotifications.fromSns(json.replace("\"Signature\"", "\"NoSignature\"")))
                .isInstanceOf(SnsMessageRejectedException.class);
        assertThat(n.receipt().action().type()).isEqualTo("SNS");
        assertThat(n.receipt().action().encoding()).isEqualTo("BASE64");
        assertThat(n.receipt().allPassed()).isTrue();
        assertThat(n.receipt().dmarcPolicy()).isNull();
        assertThat(new String(n.rawMessage().orElseThrow())).startsWith("From: \"Sender Name\"");
        InboundMessage m = n.message().orElseThrow();
        assertThat(m.subject()).contains("Hello from SNS");
        assertThat(m.text()).hasValueSatisfying(t -> assertThat(t).contains("through an SNS action"));
        assertThat(m.messageId()).contains("<sns-content-1@example.com>");
        assertThat(n.toString()).doesNotContain("@").doesNotContain("SNS action.");
    }

    @Test
    void parse_utf8Content_isUsedAsIs() throws Exception {
        ObjectNode record = (ObjectNode) JSON.readTree(InboundFixtures.read("receipt-s3.json"));
        ObjectNode action = (ObjectNode) record.get("receipt").get("action");
        action.put("type", "SNS");
        action.put("encoding", "UTF8");
        record.put("content", "Subject: plain\r\n\r\nbody text\r\n");

        InboundNotification n = InboundNotifications.parse(record.toString());

        assertThat(n.message().orElseThrow().text()).hasValueSatisfying(t -> assertThat(t).contains("body text"));
    }

    @Test
    void parse_badBase64Content_isRejectedWhenDecoded() throws Exception {
        ObjectNode inner = (ObjectNode) JSON.readTree(
                JSON.readTree(InboundFixtures.read("sns-content-base64.json")).get("Message").asText());
        inner.put("content", "***not base64***");

        InboundNotification n = InboundNotifications.parse(inner.toString());

        assertRejected(n::rawMessage, "content", "Base64");
    }

    @Test
    void fromLambda_sesEvent_givesOneNotificationWithoutContent() {
        String json = InboundFixtures.read("lambda-event.json");

        InboundNotification n = InboundNotifications.fromLambda(json).get(0);

        assertThat(InboundNotifications.parse(json)).isEqualTo(n);
        assertThat(n.receipt().action().type()).isEqualTo("Lambda");
        assertThat(n.receipt().action().functionArn()).endsWith(":function:IncomingEmail");
        assertThat(n.receipt().action().invocationType()).isEqualTo("Event");
        assertThat(n.receipt().processingTimeMillis()).isEqualTo(1205);
        assertThat(n.receipt().allPassed()).isTrue();
        assertThat(n.content()).isNull();
    }

    @Test
    void parse_missingVerdict_isAbsent() throws Exception {
        ObjectNode record = (ObjectNode) JSON.readTree(InboundFixtures.read("receipt-s3.json"));
        ((ObjectNode) record.get("receipt")).remove("dmarcVerdict");

        assertThat(InboundNotifications.parse(record.toString()).receipt().dmarcVerdict()).isEqualTo(Verdict.ABSENT);
    }

    @Test
    void parse_unknownVerdictStatus_namesTheVerdict() throws Exception {
        ObjectNode record = (ObjectNode) JSON.readTree(InboundFixtures.read("receipt-s3.json"));
        ((ObjectNode) record.get("receipt").get("spfVerdict")).put("status", "MAYBE");

        assertRejected(() -> InboundNotifications.parse(record.toString()), "receipt.spfVerdict.status",
                "PASS, FAIL, GRAY");
    }

    @Test
    void parse_sendingEvent_pointsToSesEvents() {
        String bounce = "{\"notificationType\":\"Bounce\",\"mail\":{},\"bounce\":{}}";

        assertRejected(() -> InboundNotifications.parse(sns(bounce)), "notificationType", "SesEvents");
    }

    @Test
    void parse_missingReceiptOrMalformedJson_isRejected() {
        assertRejected(() -> InboundNotifications.parse("{\"notificationType\":\"Received\",\"mail\":{}}"),
                "receipt", "required");
        assertRejected(() -> InboundNotifications.parse("{\"notificationType\": recipient@example.com"),
                "json", "not valid JSON");
        assertRejected(() -> InboundNotifications.fromLambda("{\"Records\":[]}"), "Records", "at least one");
    }
}
