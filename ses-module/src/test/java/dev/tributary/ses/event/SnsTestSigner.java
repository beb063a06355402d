package dev.tributary.ses.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.ses.TestKeys;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Plays Amazon SNS for tests: a local CA (the injected trust anchor), a signing certificate issued by it to
 * {@code sns.amazonaws.com}, messages signed over the string to sign as AWS documents it (written out here
 * independently of the production code), and a fake HTTPS fetcher that serves certificates by URL and counts
 * requests.
 */
final class SnsTestSigner {
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ses-events";
    static final String CERT_URL =
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000000000000a.pem";
    static final Instant NOW = Instant.parse("2026-11-29T08:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    final KeyPair caKeys = TestKeys.rsa(2048);
    final X509Certificate ca;
    final KeyPair snsKeys = TestKeys.rsa(2048);
    final X509Certificate snsCert;
    final Map<URI, byte[]> served = new ConcurrentHashMap<>();
    final List<URI> requests = new ArrayList<>();

    SnsTestSigner() {
        ca = certificate(new X500Name("CN=Test Root CA"), caKeys, new X500Name("CN=Test Root CA"), caKeys.getPrivate(),
                true, null, NOW.minus(1, ChronoUnit.DAYS), NOW.plus(3650, ChronoUnit.DAYS));
        snsCert = issue("sns.amazonaws.com", snsKeys);
        serve(CERT_URL, snsCert);
    }

    X509Certificate issue(String cn, KeyPair keys) {
        return certificate(new X500Name("CN=" + cn), keys, new X500Name("CN=Test Root CA"), caKeys.getPrivate(),
                false, cn, NOW.minus(1, ChronoUnit.DAYS), NOW.plus(365, ChronoUnit.DAYS));
    }

    void serve(String url, X509Certificate... certs) {
        served.put(URI.create(url), pem(certs));
    }

    synchronized byte[] get(URI uri) throws IOException {
        requests.add(uri);
        byte[] body = served.get(uri);
        if (body == null) {
            throw new IOException("404 from test server");
        }
        return body;
    }

    SnsMessageVerifier.Builder verifierBuilder() {
        return SnsMessageVerifier.builder()
                .httpForTesting(this::get)
                .trustAnchorsForTesting(Set.of(new TrustAnchor(ca, null)))
                .clockForTesting(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    }

    /** Returns a signed Notification as SNS posts it. */
    ObjectNode notification(String message, @Nullable String subject, String version) {
        ObjectNode n = JSON.createObjectNode();
        n.put("Type", "Notification");
        n.put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324");
        n.put("TopicArn", TOPIC);
        if (subject != null) {
            n.put("Subject", subject);
        }
        n.put("Message", message);
        n.put("Timestamp", "2026-11-29T07:59:58.123Z");
        n.put("UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=x");
        return sign(n, version, snsKeys.getPrivate());
    }

    /** Returns a signed SubscriptionConfirmation. */
    ObjectNode confirmation(String subscribeUrl) {
        ObjectNode n = JSON.createObjectNode();
        n.put("Type", "SubscriptionConfirmation");
        n.put("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b");
        n.put("Token", "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3");
        n.put("TopicArn", TOPIC);
        n.put("Message", "You have chosen to subscribe to the topic " + TOPIC
                + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.");
        n.put("SubscribeURL", subscribeUrl);
        n.put("Timestamp", "2026-11-29T07:59:00.000Z");
        return sign(n, "1", snsKeys.getPrivate());
    }

    /** Signs {@code n} in place (string to sign per AWS's documentation) and adds the signature fields. */
    ObjectNode sign(ObjectNode n, String version, PrivateKey key) {
        boolean notification = "Notification".equals(n.get("Type").asText());
        List<String> names = notification
                ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
                : List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
        StringBuilder toSign = new StringBuilder();
        for (String name : names) {
            if (n.hasNonNull(name)) {
                toSign.append(name).append('\n').append(n.get(name).asText()).append('\n');
            }
        }
        try {
            Signature s = Signature.getInstance("2".equals(version) ? "SHA256withRSA" : "SHA1withRSA");
            s.initSign(key);
            s.update(toSign.toString().getBytes(StandardCharsets.UTF_8));
            n.put("SignatureVersion", version);
            n.put("Signature", Base64.getEncoder().encodeToString(s.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        n.put("SigningCertURL", CERT_URL);
        return n;
    }

    static X509Certificate certificate(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
            boolean ca, @Nullable String dnsName, Instant from, Instant to) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer,
                    BigInteger.valueOf(System.nanoTime()), Date.from(from), Date.from(to), subject, keys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(ca
                    ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            if (dnsName != null) {
                b.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] pem(X509Certificate... certs) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            for (X509Certificate c : certs) {
                w.writeObject(c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
