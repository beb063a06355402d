package dev.tributary.ses.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.tributary.ses.TestKeys;
import dev.tributary.testkit.LocalDns;
import dev.tributary.testkit.LocalDnsExtension;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signs a message with jDKIM, delivers it over real SMTP (GreenMail), and verifies what arrived against a
 * public key published in a real DNS server (dnsmasq from the test kit).
 */
class DkimRoundTripIT {
    private static final KeyPair KEYS = TestKeys.rsa(2048);

    @RegisterExtension
    static LocalDnsExtension dns = LocalDnsExtension.of(LocalDns.builder()
            .zone("example.test")
            .txt("sel._domainkey.example.test",
                    "v=DKIM1; k=rsa; p=" + TestKeys.publicKey(KEYS))
            .failing("broken.test"));

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    /** Builds a message, signs it as d=domain s=selector, and returns signature header + message. */
    private static byte[] signedMessage(String domain, String selector) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom("Ann <ann@" + domain + ">");
        m.setRecipients(Message.RecipientType.TO, "bob@example.org");
        m.setSubject("Invoice 42");
        m.setSentDate(Date.from(Instant.parse("2024-03-05T09:15:00Z")));
        m.setText("Please find the invoice total: 12.00 EUR\r\nThanks, Ann\r\n", "US-ASCII");
        m.saveChanges();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        m.writeTo(body);
        DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; q=dns/txt; c=relaxed/relaxed; s=" + selector
                + "; d=" + domain + "; h=from:to:subject:date:message-id; bh=; b=;", KEYS.getPrivate());
        String header = signer.sign(new ByteArrayInputStream(body.toByteArray()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((header + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body.toByteArray());
        return out.toByteArray();
    }

    /** Sends the raw bytes unchanged: Transport.send would call saveChanges and replace the Message-ID. */
    private static String deliverAndReceive(byte[] raw) throws Exception {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", "127.0.0.1");
        props.setProperty("mail.smtp.port", String.valueOf(greenMail.getSmtp().getPort()));
        props.setProperty("mail.smtp.connectiontimeout", "5000");
        props.setProperty("mail.smtp.timeout", "5000");
        Session session = Session.getInstance(props);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
        }
        assertThat(greenMail.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(1);
        return GreenMailUtil.getWholeMessage(received[0]);
    }

    private static DkimVerifier verifier() {
        return DkimVerifier.create(dns.dns().hostAndPort());
    }

    @Test
    void verify_signedMessageReceivedOverSmtp_passes() throws Exception {
        String received = deliverAndReceive(signedMessage("example.test", "sel"));

        DkimResult result = verifier().verify(received.getBytes(StandardCharsets.UTF_8));

        assertThat(received).contains("DKIM-Signature:");
        assertThat(result.status()).as("reason: %s", result.reason()).isEqualTo(DkimStatus.PASS);
        assertThat(result.domain()).isEqualTo("example.test");
        assertThat(result.selector()).isEqualTo("sel");
    }

    @Test
    void verify_receivedMessageWithTamperedBody_fails() throws Exception {
        String received = deliverAndReceive(signedMessage("example.test", "sel"));
        String tampered = received.replace("12.00 EUR", "1200.00 EUR");

        DkimResult result = verifier().verify(tampered.getBytes(StandardCharsets.UTF_8));

        assertThat(tampered).isNotEqualTo(received);
        assertThat(result.status()).isEqualTo(DkimStatus.FAIL);
        assertThat(result.domain()).isEqualTo("example.test");
        assertThat(result.reason()).isNotBlank();
    }

    @Test
    void verify_selectorNotInDns_failsWithoutKey() throws Exception {
        String received = deliverAndReceive(signedMessage("example.test", "gone"));

        DkimResult result = verifier().verify(received.getBytes(StandardCharsets.UTF_8));

        assertThat(result.status()).isEqualTo(DkimStatus.FAIL);
        assertThat(result.selector()).isEqualTo("gone");
        assertThat(result.reason()).contains("no key");
    }

    @Test
    void verify_dnsFailsForTheDomain_isTempError() throws Exception {
        byte[] signed = signedMessage("broken.test", "sel");
        DkimVerifier verifier = DkimVerifier.create(DkimKeySource.dns(dns.dns().hostAndPort(), Duration.ofSeconds(2)));

        DkimResult result = verifier.verify(signed);

        assertThat(result.status()).as("reason: %s", result.reason()).isEqualTo(DkimStatus.TEMPERROR);
        assertThat(result.domain()).isEqualTo("broken.test");
    }

    @Test
    void verify_unsignedMessageOverSmtp_isNone() throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom("ann@example.test");
        m.setRecipients(Message.RecipientType.TO, "bob@example.org");
        m.setSubject("no signature");
        m.setText("hello\r\n");
        m.saveChanges();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);

        DkimResult result = verifier().verify(deliverAndReceive(raw.toByteArray()).getBytes(StandardCharsets.UTF_8));

        assertThat(result.status()).isEqualTo(DkimStatus.NONE);
    }
}
