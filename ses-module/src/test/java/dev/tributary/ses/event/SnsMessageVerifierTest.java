package dev.tributary.ses.event;

import static dev.tributary.ses.event.SnsTestSigner.CERT_URL;
import static dev.tributary.ses.event.SnsTestSigner.NOW;
import static dev.tributary.ses.event.SnsTestSigner.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.TestKeys;
import dev.tributary.ses.event.SnsMessageRejectedException.Reason;
import dev.tributary.ses.inbound.InboundNotification;
import dev.tributary.ses.inbound.InboundNotifications;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnsMessageVerifierTest {
    private final SnsTestSigner sns = new SnsTestSigner();
    private final SnsMessageVerifier verifier = sns.verifierBuilder().build();
    private final String bounce = Fixtures.read("bounce.json");

    private static void assertRejected(Runnable call, Reason reason) {
        assertThatThrownBy(call::run).isInstanceOf(SnsMessageRejectedException.class)
                .satisfies(e -> assertThat(((SnsMessageRejectedException) e).reason()).isEqualTo(reason))
                .satisfies(e -> assertThat(((SnsMessageRejectedException) e).retryable()).isFalse())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("@"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "2"})
    void verify_signedNotification_returnsTheMessage(String version) {
        ObjectNode body = sns.notification(bounce, null, version);

        SnsMessage m = verifier.verify(body.toString());

        assertThat(m.type()).isEqualTo(SnsMessageType.NOTIFICATION);
        assertThat(m.topicArn()).isEqualTo(TOPIC);
        assertThat(m.message()).isEqualTo(bounce);
        assertThat(m.timestamp()).isEqualTo("2026-11-29T07:59:58.123Z");
        assertThat(m.subject()).isEmpty();
        assertThat(SesEvents.fromSns(body.toString(), verifier)).isEqualTo(SesEvents.fromRecord(bounce));
        assertThat(m.toString()).doesNotContain("@");
    }

    @Test
    void verify_subjectAndEscapedCharacters_areSignedUnescaped() {
        ObjectNode body = sns.notification("line one\nline \"two\" \u00e9\u2603", "Amazon SES Email Event "
                + "Notification", "2");

        SnsMessage m = verifier.verify(body.toString());

        assertThat(m.subject()).contains("Amazon SES Email Event Notification");
        assertThat(m.message()).endsWith("\u00e9\u2603");
    }

    @Test
    void verify_tamperedMessage_isRejectedAndNotApplied() {
        ObjectNode body = sns.notification(bounce, null, "1");
        body.put("Message", bounce.replace("Permanent", "Transient"));

        assertRejected(() -> verifier.verify(body.toString()), Reason.BAD_SIGNATURE);
        assertRejected(() -> SesEvents.fromSns(body.toString(), verifier), Reason.BAD_SIGNATURE);
    }

    @Test
    void verify_tamperedSubjectOrTopicOrSignedWithOtherKey_isRejected() {
        ObjectNode subject = sns.notification(bounce, "a", "2");
        subject.put("Subject", "b");
        ObjectNode addedSubject = sns.notification(bounce, null, "2");
        addedSubject.put("Subject", "b");
        ObjectNode otherKey = sns.sign(sns.notification(bounce, null, "2"), "2", TestKeys.rsa(2048).getPrivate());

        assertRejected(() -> verifier.verify(subject.toString()), Reason.BAD_SIGNATURE);
        assertRejected(() -> verifier.verify(addedSubject.toString()), Reason.BAD_SIGNATURE);
        assertRejected(() -> verifier.verify(otherKey.toString()), Reason.BAD_SIGNATURE);
    }

    @Test
    void verify_versionMismatch_isRejected() {
        ObjectNode body = sns.notification(bounce, null, "1");
        body.put("SignatureVersion", "2"); // SHA1 signature checked as SHA256

        assertRejected(() -> verifier.verify(body.toString()), Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://sns.us-east-1.amazonaws.com.evil.example/cert.pem",
        "https://evil.example/SimpleNotificationService-0.pem",
        "https://sns.evil.example/cert.pem",
        "https://s3.amazonaws.com/bucket/cert.pem",
        "https://sns.us-east-1.amazonaws.com:8443/cert.pem",
        "https://user@sns.us-east-1.amazonaws.com/cert.pem",
        "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-0.pem",
        "file:///etc/passwd",
        "not a url"})
    void verify_certificateUrlNotOnSnsHttps_isRejectedWithoutFetching(String url) {
        ObjectNode body = sns.notification(bounce, null, "2");
        body.put("SigningCertURL", url);
        sns.served.put(URI.create(CERT_URL), SnsTestSigner.pem(sns.snsCert));

        assertRejected(() -> verifier.verify(body.toString()), Reason.UNTRUSTED_CERTIFICATE_URL);
        assertThat(sns.requests).isEmpty();
    }

    @Test
    void verify_chinaPartitionHost_isAccepted() {
        String cn = "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-1.pem";
        sns.serve(cn, sns.snsCert);
        ObjectNode body = sns.notification(bounce, null, "2");
        body.put("SigningCertURL", cn);

        assertThat(verifier.verify(body.toString()).type()).isEqualTo(SnsMessageType.NOTIFICATION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "0", "", "SHA256"})
    void verify_unknownSignatureVersion_isRejected(String version) {
        ObjectNode body = sns.notification(bounce, null, "2");
        body.put("SignatureVersion", version);

        assertRejected(() -> verifier.verify(body.toString()), Reason.UNSUPPORTED_SIGNATURE_VERSION);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Signature", "SignatureVersion", "SigningCertURL"})
    void verify_unsigned_isRejected(String missing) {
        ObjectNode body = sns.notification(bounce, null, "2");
        body.remove(missing);

        assertRejected(() -> verifier.verify(body.toString()), Reason.UNSIGNED);
    }

    @Test
    void fromSns_defaultVerifierUnsignedBody_isRejected() {
        // Before verification existed this body gave an event, which a SuppressionPolicy then applied.
        ObjectNode body = sns.notification(bounce, null, "2");
        body.remove("Signature");

        assertRejected(() -> SesEvents.fromSns(body.toString()), Reason.UNSIGNED);
    }

    @Test
    void verify_topicNotAllowed_isRejectedWithoutFetching() {
        SnsMessageVerifier only = sns.verifierBuilder()
                .allowedTopicArns("arn:aws:sns:us-east-1:123456789012:other-topic").build();

        assertRejected(() -> only.verify(sns.notification(bounce, null, "2").toString()), Reason.TOPIC_NOT_ALLOWED);
        assertThat(sns.requests).isEmpty();
        assertThat(sns.verifierBuilder().allowedTopicArns(TOPIC).build()
                .verify(sns.notification(bounce, null, "2").toString()).topicArn()).isEqualTo(TOPIC);
    }

    @Test
    void builder_badTopicArn_isRejected() {
        assertThatThrownBy(() -> SnsMessageVerifier.builder().allowedTopicArns("ses-events"))
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("allowedTopicArns");
        assertThatThrownBy(() -> SnsMessageVerifier.builder().certificateCacheSize(0))
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("certificateCacheSize");
    }

    @Test
    void verify_certificateNotChainingToTrustAnchor_isRejected() {
        KeyPair keys = TestKeys.rsa(2048);
        X509Certificate selfSigned = SnsTestSigner.certificate(new X500Name("CN=sns.amazonaws.com"), keys,
                new X500Name("CN=sns.amazonaws.com"), keys.getPrivate(), false, "sns.amazonaws.com",
                NOW.minus(1, ChronoUnit.DAYS), NOW.plus(1, ChronoUnit.DAYS));
        sns.serve(CERT_URL, selfSigned);

        assertRejected(() -> verifier.verify(sns.sign(sns.notification(bounce, null, "2"), "2",
                keys.getPrivate()).toString()), Reason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void verify_certificateForNonAmazonHost_isRejected() {
        KeyPair keys = TestKeys.rsa(2048);
        sns.serve(CERT_URL, sns.issue("evil.example", keys));

        assertRejected(() -> verifier.verify(sns.sign(sns.notification(bounce, null, "2"), "2",
                keys.getPrivate()).toString()), Reason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void verify_expiredCertificate_isRejected() {
        SnsMessageVerifier later = sns.verifierBuilder()
                .clockForTesting(Clock.fixed(NOW.plus(400, ChronoUnit.DAYS), ZoneOffset.UTC)).build();

        assertRejected(() -> later.verify(sns.notification(bounce, null, "2").toString()),
                Reason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void verify_notACertificate_isRejected() {
        sns.served.put(URI.create(CERT_URL), "<html>hello</html>".getBytes());

        assertRejected(() -> verifier.verify(sns.notification(bounce, null, "2").toString()),
                Reason.UNTRUSTED_CERTIFICATE);
    }

    @Test
    void verify_intermediateServedWithTheCertificate_chainsToTheRoot() {
        KeyPair intermediateKeys = TestKeys.rsa(2048);
        X509Certificate intermediate = SnsTestSigner.certificate(new X500Name("CN=Test Intermediate"),
                intermediateKeys, new X500Name("CN=Test Root CA"), sns.caKeys.getPrivate(), true, null,
                NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS));
        KeyPair leafKeys = TestKeys.rsa(2048);
        X509Certificate leaf = SnsTestSigner.certificate(new X500Name("CN=sns.amazonaws.com"), leafKeys,
                new X500Name("CN=Test Intermediate"), intermediateKeys.getPrivate(), false, "sns.amazonaws.com",
                NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS));
        ObjectNode body = sns.sign(sns.notification(bounce, null, "2"), "2", leafKeys.getPrivate());

        sns.serve(CERT_URL, leaf);
        assertRejected(() -> verifier.verify(body.toString()), Reason.UNTRUSTED_CERTIFICATE);

        sns.serve(CERT_URL, leaf, intermediate);
        assertThat(verifier.verify(body.toString()).type()).isEqualTo(SnsMessageType.NOTIFICATION);
    }

    @Test
    void verify_manyMessages_fetchTheCertificateOnce() {
        for (int i = 0; i < 5; i++) {
            verifier.verify(sns.notification(bounce, null, i % 2 == 0 ? "1" : "2").toString());
        }

        assertThat(sns.requests).containsExactly(URI.create(CERT_URL));
    }

    @Test
    void verify_cacheFull_evictsLeastRecentlyUsed() {
        String other = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-b.pem";
        sns.serve(other, sns.snsCert);
        SnsMessageVerifier small = sns.verifierBuilder().certificateCacheSize(1).build();
        ObjectNode a = sns.notification(bounce, null, "2");
        ObjectNode b = sns.notification(bounce, null, "2");
        b.put("SigningCertURL", other);

        small.verify(a.toString());
        small.verify(b.toString());
        small.verify(a.toString());

        assertThat(sns.requests).hasSize(3);
    }

    @Test
    void verify_certificateCannotBeFetched_isRetryableAndNotARejection() {
        sns.served.clear();

        assertThatThrownBy(() -> verifier.verify(sns.notification(bounce, null, "2").toString()))
                .isInstanceOf(TributaryClientException.class).isNotInstanceOf(SnsMessageRejectedException.class)
                .satisfies(e -> assertThat(((TributaryClientException) e).retryable()).isTrue())
                .hasMessageContaining("5xx");
    }

    @Test
    void verify_notAnSnsMessage_isRejectedAsMalformed() {
        assertRejected(() -> verifier.verify(bounce), Reason.MALFORMED);
        ObjectNode noTopic = sns.notification(bounce, null, "2");
        noTopic.remove("TopicArn");
        assertRejected(() -> verifier.verify(noTopic.toString()), Reason.MALFORMED);
        assertThatThrownBy(() -> verifier.verify("{not json"))
                .isInstanceOf(TributaryValidationException.class);
    }

    @Test
    void subscriptionConfirmation_isVerifiedAndConfirmedOverHttps() {
        String subscribeUrl = "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn="
                + TOPIC + "&Token=2336412f37";
        sns.served.put(URI.create(subscribeUrl), ("<ConfirmSubscriptionResponse><ConfirmSubscriptionResult>"
                + "<SubscriptionArn>" + TOPIC + ":c9135db0</SubscriptionArn></ConfirmSubscriptionResult>"
                + "</ConfirmSubscriptionResponse>").getBytes());
        ObjectNode body = sns.confirmation(subscribeUrl);

        SnsMessage m = verifier.verify(body.toString());

        assertThat(m.type()).isEqualTo(SnsMessageType.SUBSCRIPTION_CONFIRMATION);
        assertThat(m.subscribeUrl()).contains(URI.create(subscribeUrl));
        assertThat(m.token()).hasValueSatisfying(t -> assertThat(t).startsWith("2336412f"));
        assertThat(verifier.confirmSubscription(m)).contains(TOPIC + ":c9135db0");
        assertThat(sns.requests).containsExactly(URI.create(CERT_URL), URI.create(subscribeUrl));
        assertThatThrownBy(() -> SesEvents.fromSns(body.toString(), verifier))
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("confirmSubscription");
    }

    @Test
    void subscriptionConfirmation_tamperedToken_isRejected() {
        ObjectNode body = sns.confirmation("https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription");
        body.put("Token", "0000");

        assertRejected(() -> verifier.verify(body.toString()), Reason.BAD_SIGNATURE);
    }

    @Test
    void confirmSubscription_urlNotOnSns_isRejectedWithoutRequest() {
        SnsMessage m = verifier.verify(sns.confirmation("https://evil.example/?Action=ConfirmSubscription")
                .toString());

        assertRejected(() -> verifier.confirmSubscription(m), Reason.UNTRUSTED_SUBSCRIBE_URL);
        assertThat(sns.requests).containsExactly(URI.create(CERT_URL));
    }

    @Test
    void confirmSubscription_notification_isRefused() {
        SnsMessage m = verifier.verify(sns.notification(bounce, null, "2").toString());

        assertThatThrownBy(() -> verifier.confirmSubscription(m)).isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("SubscriptionConfirmation");
    }

    @Test
    void inboundFromSns_signedReceiptNotification_isParsed() throws Exception {
        String sqsBody;
        try (var in = getClass().getResourceAsStream("/dev/tributary/ses/inbound/sns-content-base64.json")) {
            sqsBody = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        InboundNotification expected = InboundNotifications.fromSqs(sqsBody);
        String message = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sqsBody).get("Message").asText();
        ObjectNode signed = sns.notification(message, null, "2");

        assertThat(InboundNotifications.fromSns(signed.toString(), verifier)).isEqualTo(expected);
        signed.put("Message", message.replace("Hello", "Hullo"));
        assertRejected(() -> InboundNotifications.fromSns(signed.toString(), verifier), Reason.BAD_SIGNATURE);
    }
}
