package dev.tributary.testkit;

import dev.tributary.testkit.internal.Ports;
import dev.tributary.testkit.internal.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.jspecify.annotations.Nullable;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * An SMTP server like SES's SMTP interface (SubEthaSMTP): STARTTLS required and AUTH required, as on port
 * 587, or implicit TLS as on port 465. It keeps every received message raw, headers and all, so tests can
 * check exactly what went over the wire. The certificate is self-signed for 127.0.0.1; clients trust it
 * through {@link #clientSslContext()}. GreenMail (plain SMTP and SMTPS, in {@code greenmail-junit5}) is on
 * the test kit's classpath too, for tests that need no STARTTLS. Thread-safe.
 *
 * <pre>{@code
 * try (LocalSmtp smtp = LocalSmtp.builder().credentials("user", "pass").build()) {
 *     // send with Jakarta Mail to 127.0.0.1:smtp.port() with mail.smtp.starttls.required=true ...
 *     assertThat(smtp.messages()).hasSize(1);
 * }
 * }</pre>
 */
public final class LocalSmtp implements AutoCloseable {
    private static final char[] STORE_PASSWORD = "tributary-test".toCharArray();

    private final SMTPServer server;
    private final SSLContext clientSslContext;
    private final List<ReceivedMessage> messages = new CopyOnWriteArrayList<>();

    /**
     * One message as received: envelope sender, one envelope recipient, and the raw RFC 5322 bytes.
     *
     * @param envelopeFrom the MAIL FROM address
     * @param envelopeTo the RCPT TO address
     * @param raw the message as sent, headers included
     */
    public record ReceivedMessage(String envelopeFrom, String envelopeTo, byte[] raw) {
        /** Returns the raw message as text (ASCII-safe for MIME). */
        public String rawText() {
            return new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private LocalSmtp(Builder b) {
        KeyStore keyStore = selfSignedKeyStore();
        SSLContext serverContext = serverContext(keyStore);
        this.clientSslContext = clientContext(keyStore);
        SMTPServer.Builder sb = SMTPServer.port(Ports.freePort())
                .bindAddress(java.net.InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .maxMessageSize(b.maxMessageSize)
                .messageHandlerFactory(context -> new Recorder());
        if (b.username != null) {
            String user = b.username;
            String pass = Objects.requireNonNull(b.password);
            sb.authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((u, p, ctx) -> {
                if (!user.equals(u) || !pass.equals(p)) {
                    throw new LoginFailedException("535 Authentication credentials invalid");
                }
            }));
            sb.requireAuth();
        }
        if (b.implicitTls) {
            sb.serverSocketFactory(serverContext);
        } else {
            sb.enableTLS().requireTLS().startTlsSocketFactory(serverContext);
        }
        this.server = sb.build();
        server.start();
    }

    /** Returns a builder: STARTTLS required, no AUTH unless {@link Builder#credentials} is called. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the port the server listens on at 127.0.0.1. */
    public int port() {
        return server.getPortAllocated();
    }

    /** Returns an SSL context that trusts this server's certificate, for clients that verify. */
    public SSLContext clientSslContext() {
        return clientSslContext;
    }

    /** Returns the messages received so far, one entry per envelope recipient. */
    public List<ReceivedMessage> messages() {
        return List.copyOf(messages);
    }

    /** Forgets received messages. */
    public void clear() {
        messages.clear();
    }

    @Override
    public void close() {
        server.stop();
    }

    /** Records one SMTP transaction: a message entry per envelope recipient. */
    private final class Recorder implements MessageHandler {
        private String from = "";
        private final List<String> recipients = new java.util.ArrayList<>();

        @Override
        public void from(String from) {
            this.from = from;
        }

        @Override
        public void recipient(String recipient) {
            recipients.add(recipient);
        }

        @Override
        public @Nullable String data(InputStream data) throws IOException {
            byte[] raw = data.readAllBytes();
            for (String r : recipients) {
                messages.add(new ReceivedMessage(from, r, raw));
            }
            return null;
        }

        @Override
        public void done() {}
    }

    private static KeyStore selfSignedKeyStore() {
        try {
            Path dir = Files.createDirectories(Tools.workDir("smtp"));
            Path file = Files.createTempFile(dir, "smtp-", ".p12");
            Files.delete(file);
            Process p = new ProcessBuilder(
                            Tools.javaExecutable().resolveSibling("keytool").toString(),
                            "-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048",
                            "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                            "-storetype", "PKCS12", "-keystore", file.toString(),
                            "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD))
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool could not create the test certificate: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(file)) {
                ks.load(in, STORE_PASSWORD);
            }
            Files.deleteIfExists(file);
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext serverContext(KeyStore ks) {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, STORE_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext clientContext(KeyStore ks) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Builds a {@link LocalSmtp}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String username;
        private @Nullable String password;
        private boolean implicitTls;
        private int maxMessageSize = 50 * 1024 * 1024;

        private Builder() {}

        /** Requires AUTH with these SMTP credentials. */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Serves TLS from the first byte (SES port 465 style) instead of STARTTLS. */
        public Builder implicitTls() {
            this.implicitTls = true;
            return this;
        }

        /** Sets the largest message accepted, in bytes; default 50 MiB. */
        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = bytes;
            return this;
        }

        /** Starts the server. */
        public LocalSmtp build() {
            return new LocalSmtp(this);
        }
    }
}
