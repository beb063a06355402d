package dev.tributary.ses.event.internal;

import dev.tributary.ses.event.SnsMessageRejectedException;
import dev.tributary.ses.event.SnsMessageRejectedException.Reason;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Set;

/**
 * Checks one SNS message, cheapest checks first so a forged message costs no network call: signature fields
 * present, a known SignatureVersion, topic allowed, certificate URL on an SNS host, then the certificate and
 * the signature. Thread-safe.
 */
public final class SnsVerification {
    private final Set<String> allowedTopics;
    private final SnsCertificates certificates;

    /**
     * Creates the checker.
     *
     * @param allowedTopics the topic ARNs to accept; empty accepts any topic
     * @param certificates the certificate cache
     */
    public SnsVerification(Set<String> allowedTopics, SnsCertificates certificates) {
        this.allowedTopics = Set.copyOf(allowedTopics);
        this.certificates = certificates;
    }

    /**
     * Verifies the message's signature and topic.
     *
     * @param f the message fields
     * @throws SnsMessageRejectedException when a check fails
     */
    public void verify(SnsFields f) {
        if (f.signature() == null || f.signatureVersion() == null || f.signingCertUrl() == null) {
            throw SnsMessageRejectedException.of(Reason.UNSIGNED, "Signature, SignatureVersion and "
                    + "SigningCertURL are required; SNS signs every message it posts to HTTP(S) endpoints");
        }
        String algorithm = algorithm(f.signatureVersion());
        if (!allowedTopics.isEmpty() && !allowedTopics.contains(f.topicArn())) {
            throw SnsMessageRejectedException.of(Reason.TOPIC_NOT_ALLOWED, "TopicArn is not one of the verifier's "
                    + "allowed topics; add the topic with SnsMessageVerifier.Builder.allowedTopicArns if it is yours");
        }
        URI certUrl = SnsHosts.snsHttpsUrl(f.signingCertUrl());
        if (certUrl == null) {
            throw SnsMessageRejectedException.of(Reason.UNTRUSTED_CERTIFICATE_URL, "SigningCertURL must be an "
                    + "https URL on sns.<region>.amazonaws.com (or .amazonaws.com.cn)");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(f.signature());
        } catch (IllegalArgumentException e) {
            throw SnsMessageRejectedException.of(Reason.BAD_SIGNATURE, "Signature is not base64", e);
        }
        X509Certificate cert = certificates.get(certUrl);
        boolean valid;
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(cert);
            verifier.update(f.stringToSign());
            valid = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            throw SnsMessageRejectedException.of(Reason.BAD_SIGNATURE, "the signature could not be checked", e);
        }
        if (!valid) {
            throw SnsMessageRejectedException.of(Reason.BAD_SIGNATURE, "the signature does not match the message: "
                    + "it was altered or not sent by Amazon SNS");
        }
    }

    private static String algorithm(String version) {
        switch (version) {
            case "1":
                return "SHA1withRSA";
            case "2":
                return "SHA256withRSA";
            default:
                throw SnsMessageRejectedException.of(Reason.UNSUPPORTED_SIGNATURE_VERSION,
                        "SignatureVersion must be 1 (SHA1withRSA) or 2 (SHA256withRSA)");
        }
    }
}
