package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocalSmtpIT {
    @RegisterExtension
    static LocalSmtpExtension smtp = LocalSmtpExtension.of(LocalSmtp.builder().credentials("ses-user", "ses-pass"));

    private static Session session(LocalSmtp server, boolean startTls) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", Integer.toString(server.port()));
        p.put("mail.smtp.auth", "true");
        p.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        p.put("mail.smtp.starttls.required", Boolean.toString(startTls));
        p.put("mail.smtp.ssl.socketFactory", server.clientSslContext().getSocketFactory());
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.connectiontimeout", "5000");
        p.put("mail.smtp.timeout", "5000");
        return Session.getInstance(p);
    }

    private static MimeMessage message(Session s) throws MessagingException {
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("sender@example.test"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("rcpt@example.test"));
        m.setSubject("hello");
        m.setHeader("X-Tributary-Test", "42");
        m.setText("body");
        return m;
    }

    @Test
    void send_startTlsAndAuth_rawMessageKeepsHeaders(LocalSmtp server) throws Exception {
        Session s = session(server, true);
        try (Transport t = s.getTransport("smtp")) {
            t.connect("ses-user", "ses-pass");
            MimeMessage m = message(s);
            t.sendMessage(m, m.getAllRecipients());
        }

        assertThat(server.messages()).singleElement().satisfies(msg -> {
            assertThat(msg.envelopeTo()).isEqualTo("rcpt@example.test");
            assertThat(msg.rawText()).contains("X-Tributary-Test: 42", "Subject: hello");
        });
    }

    @Test
    void send_wrongPassword_isRefused(LocalSmtp server) {
        Session s = session(server, true);

        assertThatThrownBy(() -> {
                    try (Transport t = s.getTransport("smtp")) {
                        t.connect("ses-user", "wrong");
                    }
                })
                .isInstanceOf(AuthenticationFailedException.class);
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void send_withoutStartTls_isRefused(LocalSmtp server) {
        Session s = session(server, false);

        assertThatThrownBy(() -> {
                    try (Transport t = s.getTransport("smtp")) {
                        t.connect("ses-user", "ses-pass");
                        MimeMessage m = message(s);
                        t.sendMessage(m, m.getAllRecipients());
                    }
                })
                .isInstanceOf(MessagingException.class);
        assertThat(server.messages()).isEmpty();
    }
}
