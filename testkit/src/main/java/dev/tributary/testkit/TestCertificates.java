package dev.tributary.testkit;

import dev.tributary.testkit.internal.Tools;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate authority and one server certificate it signed, made with the JDK's
 * {@code keytool} (no extra library): PKCS12 stores for the server and for clients that should trust it.
 *
 * <p>The server certificate names only {@code 127.0.0.1} (an IP subject alternative name), so a client that
 * connects to {@code https://localhost:...} sees a hostname mismatch. Files live in a fresh folder under
 * {@code java.io.tmpdir}; every store uses the password {@link #password()}. Immutable and thread-safe
 * once created; creating one takes about a second (three {@code keytool} runs).
 *
 * <pre>{@code
 * TestCertificates certs = TestCertificates.create("Tributary test CA");
 * SSLContext client = certs.clientSslContext(); // trusts the CA, verification on
 * SSLContext server = certs.serverSslContext(); // presents the server certificate
 * }</pre>
 */
public final class TestCertificates {
    private static final String PASSWORD = "changeit";

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /**
     * Generates a new CA and a server certificate for {@code 127.0.0.1} signed by it.
     *
     * @param caName the CA's common name, which shows up in TLS error messages
     * @return the certificates
     * @throws IllegalStateException when {@code keytool} fails (its output is in the message)
     */
    public static TestCertificates create(String caName) {
        Path dir;
        try {
            Path work = Tools.workDir("certificates");
            Files.createDirectories(work);
            dir = Files.createTempDirectory(work, "ca-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a folder for test certificates", e);
        }
        keytool(dir, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + caName,
                "-ext", "bc:c", "-validity", "30", "-keystore", "ca.p12", "-storetype", "PKCS12");
        keytool(dir, "-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-rfc", "-file", "ca.pem");
        keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=node,O=tributary-test", "-validity", "30", "-keystore", "server.p12",
                "-storetype", "PKCS12");
        keytool(dir, "-certreq", "-alias", "server", "-keystore", "server.p12", "-file", "server.csr");
        keytool(dir, "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "server.csr",
                "-ext", "SAN=ip:127.0.0.1", "-ext", "EKU=serverAuth,clientAuth", "-validity", "30", "-rfc",
                "-outfile", "server.pem");
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "server.p12");
        keytool(dir, "-importcert", "-alias", "server", "-file", "server.pem", "-keystore", "server.p12");
        keytool(dir, "-importcert", "-noprompt", "-alias", "ca", "-file", "ca.pem", "-keystore", "truststore.p12",
                "-storetype", "PKCS12");
        return new TestCertificates(dir);
    }

    /** Returns the PKCS12 trust store holding only the CA certificate, for clients. */
    public Path trustStore() {
        return dir.resolve("truststore.p12");
    }

    /** Returns the PKCS12 key store with the server's key and its chain (server certificate, CA). */
    public Path serverKeyStore() {
        return dir.resolve("server.p12");
    }

    /** Returns the CA certificate in PEM form. */
    public Path caCertificatePem() {
        return dir.resolve("ca.pem");
    }

    /** Returns the server certificate's subject, {@code CN=node,O=tributary-test}. */
    public String serverSubject() {
        return "CN=node,O=tributary-test";
    }

    /** Returns the password of every store (a fresh array each call). */
    public char[] password() {
        return PASSWORD.toCharArray();
    }

    /** Returns a client TLS context that trusts this CA only, with normal certificate verification. */
    public SSLContext clientSslContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trustStore()));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not build a client TLS context from " + trustStore(), e);
        }
    }

    /** Returns a server TLS context that presents the server certificate. */
    public SSLContext serverSslContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(load(serverKeyStore()), password());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not build a server TLS context from " + serverKeyStore(), e);
        }
    }

    private KeyStore load(Path file) throws GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password());
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file, e);
        }
    }

    private static void keytool(Path dir, String... args) {
        Path keytool = Tools.javaExecutable().resolveSibling("keytool");
        List<String> cmd = new ArrayList<>(List.of(keytool.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-storepass", PASSWORD));
        if ("-genkeypair".equals(args[0])) {
            cmd.addAll(List.of("-keypass", PASSWORD));
        }
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("keytool " + args[0] + " failed in " + dir + ": " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run " + keytool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
    }

    @Override
    public String toString() {
        return "TestCertificates[" + dir + "]";
    }
}
