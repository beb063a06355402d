package dev.tributary.ses.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SesEventsTest {
    private static final String MESSAGE_ID = "EXAMPLE7c191be45-e9aedb9a-02f9-4d12-a87d-dd0099a07f8a-000000";

    private static <T extends SesEvent> T parse(String fixture, Class<T> type) {
        SesEvent event = SesEvents.parse(Fixtures.read(fixture));
        assertThat(event).isInstanceOf(type);
        return type.cast(event);
    }

    @Test
    void parse_bounceRecord_exposesBounceAndMailFields() {
        BounceEvent e = parse("bounce.json", BounceEvent.class);

        assertThat(e.type()).isEqualTo(SesEventType.BOUNCE);
        assertThat(e.bounceType()).isEqualTo(BounceType.PERMANENT);
        assertThat(e.isHard()).isTrue();
        assertThat(e.bounceSubType()).isEqualTo("General");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2017-08-05T00:41:02.669Z"));
        assertThat(e.occurredAt()).isEqualTo(e.timestamp());
        assertThat(e.feedbackId()).isEqualTo("01000157c44f053b-61b59c11-9236-11e6-8f96-7be8aexample-000000");
        assertThat(e.reportingMta()).isEqualTo("dsn; mta.example.com");
        assertThat(e.bouncedRecipients()).containsExactly(new BouncedRecipient(
                "recipient@example.com", "failed", "5.1.1", "smtp; 550 5.1.1 user unknown"));

        MailInfo mail = e.mail();
        assertThat(e.messageId()).isEqualTo(MESSAGE_ID);
        assertThat(mail.timestamp()).isEqualTo(Instant.parse("2017-08-05T00:40:02.012Z"));
        assertThat(mail.source()).isEqualTo("Sender Name <sender@example.com>");
        assertThat(mail.sourceArn()).isEqualTo("arn:aws:ses:us-east-1:123456789012:identity/sender@example.com");
        assertThat(mail.sendingAccountId()).isEqualTo("123456789012");
        assertThat(mail.destination()).containsExactly("recipient@example.com");
        assertThat(mail.headersTruncated()).isFalse();
        assertThat(mail.headers()).hasSize(5).first().isEqualTo(
                new MailHeader("From", "Sender Name <sender@example.com>"));
        assertThat(mail.subject()).contains("Message sent from Amazon SES");
        assertThat(mail.commonHeaders().from()).containsExactly("Sender Name <sender@example.com>");
        assertThat(mail.commonHeaders().to()).containsExactly("recipient@example.com");
        assertThat(mail.tags()).containsEntry("ses:configuration-set", List.of("ConfigSet"))
                .containsEntry("ses:source-ip", List.of("192.0.2.0")).hasSize(4);
        assertThat(mail.tag("ses:caller-identity")).containsExactly("ses_user");
        assertThat(mail.tag("absent")).isEmpty();
    }

    @Test
    void parse_complaintRecord_exposesFeedbackTypeAndRecipients() {
        ComplaintEvent e = parse("complaint.json", ComplaintEvent.class);

        assertThat(e.type()).isEqualTo(SesEventType.COMPLAINT);
        assertThat(e.complaintFeedbackType()).isEqualTo("abuse");
        assertThat(e.feedbackType()).contains("abuse");
        assertThat(e.complainedRecipients()).containsExactly("recipient@example.com");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2017-08-05T00:41:02.669Z"));
        assertThat(e.arrivalDate()).isEqualTo(Instant.parse("2017-08-05T00:41:02.669Z"));
        assertThat(e.userAgent()).startsWith("Mozilla/5.0");
        assertThat(e.complaintSubType()).isNull();
    }

    @Test
    void parse_identityDeliveryNotification_usesNotificationTypeAndHasNoTags() {
        DeliveryEvent e = parse("delivery.json", DeliveryEvent.class);

        assertThat(e.type()).isEqualTo(SesEventType.DELIVERY);
        assertThat(e.recipients()).containsExactly("jane@example.com");
        assertThat(e.processingTimeMillis()).isEqualTo(546);
        assertThat(e.smtpResponse()).isEqualTo("250 ok:  Message 64111812 accepted");
        assertThat(e.reportingMta()).isEqualTo("a8-70.smtp-out.amazonses.com");
        assertThat(e.remoteMtaIp()).isEqualTo("127.0.2.0");
        assertThat(e.mail().destination()).containsExactly("jane@example.com", "mary@example.com");
        assertThat(e.mail().sourceIp()).isEqualTo("127.0.3.0");
        assertThat(e.mail().tags()).isEmpty();
        assertThat(e.mail().commonHeaders().date()).isEqualTo("Wed, 27 Jan 2016 14:05:45 +0000");
        assertThat(e.mail().commonHeaders().messageId()).isEqualTo("custom-message-ID");
    }

    @Test
    void parse_sendRecord_hasCustomTagsAndMailTimestampAsOccurredAt() {
        SendEvent e = parse("send.json", SendEvent.class);

        assertThat(e.type()).isEqualTo(SesEventType.SEND);
        assertThat(e.occurredAt()).isEqualTo(Instant.parse("2018-10-08T14:05:45.000Z"));
        assertThat(e.mail().tags()).containsEntry("myCustomTag1", List.of("myCustomTagValue1"))
                .containsEntry("myCustomTag2", List.of("myCustomTagValue2"));
    }

    @Test
    void parse_rejectRecord_exposesReason() {
        RejectEvent e = parse("reject.json", RejectEvent.class);

        assertThat(e.reason()).isEqualTo("Bad content");
        assertThat(e.messageId()).isEqualTo(MESSAGE_ID);
    }

    @Test
    void parse_openRecord_exposesIpUserAgentAndTimestamp() {
        OpenEvent e = parse("open.json", OpenEvent.class);

        assertThat(e.ipAddress()).isEqualTo("192.0.2.1");
        assertThat(e.userAgent()).contains("iPhone");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2017-08-09T22:00:19.652Z"));
        assertThat(e.mail().timestamp()).isEqualTo(Instant.parse("2017-08-09T21:59:49.927Z"));
    }

    @Test
    void parse_clickRecord_exposesLinkAndLinkTags() {
        ClickEvent e = parse("click.json", ClickEvent.class);

        assertThat(e.link()).isEqualTo("http://docs.aws.amazon.com/ses/latest/DeveloperGuide/send-email-smtp.html");
        assertThat(e.linkTags()).isEqualTo(Map.of("samplekey0", List.of("samplevalue0"),
                "samplekey1", List.of("samplevalue1", "samplevalue2")));
        assertThat(e.ipAddress()).isEqualTo("192.0.2.1");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2017-08-09T23:51:25.570Z"));
    }

    @Test
    void parse_renderingFailureRecord_exposesTemplateAndError() {
        RenderingFailureEvent e = parse("rendering-failure.json", RenderingFailureEvent.class);

        assertThat(e.type()).isEqualTo(SesEventType.RENDERING_FAILURE);
        assertThat(e.templateName()).isEqualTo("MyTemplate");
        assertThat(e.errorMessage()).contains("attributeName");
        assertThat(e.mail().headers()).isEmpty();
        assertThat(e.mail().commonHeaders()).isEqualTo(CommonHeaders.EMPTY);
    }

    @Test
    void parse_deliveryDelayRecord_exposesDelayTypeExpirationAndRecipients() {
        DeliveryDelayEvent e = parse("delivery-delay.json", DeliveryDelayEvent.class);

        assertThat(e.delayType()).isEqualTo("TransientCommunicationFailure");
        assertThat(e.expirationTime()).isEqualTo(Instant.parse("2020-06-16T00:25:40.914Z"));
        assertThat(e.expiresAt()).contains(Instant.parse("2020-06-16T00:25:40.914Z"));
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2020-06-16T00:25:40.095Z"));
        assertThat(e.delayedRecipients()).containsExactly(new DelayedRecipient("recipient@example.com", "4.4.1",
                "smtp; 421 4.4.1 Unable to connect to remote host"));
    }

    @Test
    void parse_subscriptionRecord_exposesContactListAndBothPreferences() {
        SubscriptionEvent e = parse("subscription.json", SubscriptionEvent.class);

        assertThat(e.contactList()).isEqualTo("ContactListName");
        assertThat(e.source()).isEqualTo("UnsubscribeHeader");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2022-01-12T01:00:17.910Z"));
        assertThat(e.newTopicPreferences().unsubscribeAll()).isTrue();
        assertThat(e.newTopicPreferences().statusOf("ExampleTopicName")).contains("OptOut");
        assertThat(e.previousPreferences()).hasValueSatisfying(old -> {
            assertThat(old.unsubscribeAll()).isFalse();
            assertThat(old.topicSubscriptionStatus())
                    .containsExactly(new TopicPreferences.TopicStatus("ExampleTopicName", "OptIn"));
        });
        assertThat(e.mail().tag("ses:operation")).containsExactly("SendEmail");
    }

    @Test
    void toString_anyEvent_hidesAddresses() {
        for (String f : List.of("bounce.json", "complaint.json", "delivery.json", "delivery-delay.json",
                "subscription.json", "open.json", "click.json")) {
            SesEvent e = SesEvents.parse(Fixtures.read(f));
            assertThat(e.toString()).as(f).doesNotContain("@").contains(e.messageId());
        }
        BounceEvent b = parse("bounce.json", BounceEvent.class);
        assertThat(b.bouncedRecipients().get(0).toString()).doesNotContain("@");
        assertThat(b.mail().toString()).doesNotContain("@");
    }

    @Test
    void records_collectionsAreImmutable() {
        BounceEvent e = parse("bounce.json", BounceEvent.class);

        assertThatThrownBy(() -> e.bouncedRecipients().clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.mail().tags().get("ses:source-ip").add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void parse_badArrayElement_namesTheElementByItsIndex() {
        String bad = Fixtures.read("bounce.json").replaceFirst("\"emailAddress\": \"[^\"]*\"", "\"emailAddress\": \"\"");

        assertThatThrownBy(() -> SesEvents.parse(bad))
                .isInstanceOf(dev.tributary.core.TributaryValidationException.class)
                .satisfies(e -> assertThat(((dev.tributary.core.TributaryValidationException) e).field())
                        .isEqualTo("bounce.bouncedRecipients[0].emailAddress"));
    }
}
