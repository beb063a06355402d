package dev.tributary.ses.inbound;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.inbound.internal.JdkimBridge;
import java.io.ByteArrayInputStream;
import java.util.Objects;

/**
 * Verifies the DKIM signatures of a raw received message locally (Apache jDKIM), looking keys up through a
 * {@link DkimKeySource}: useful when mail arrives by a path where SES's own {@code dkimVerdict} is not
 * available, or to check a message again later. Thread-safe; holds no resources.
 *
 * <pre>{@code
 * DkimVerifier verifier = DkimVerifier.create("10.0.0.2:53");
 * DkimResult r = verifier.verify(rawMessage);
 * if (r.status() == DkimStatus.PASS) {
 *     log.debug("signed by {}", r.domain());
 * }
 * }</pre>
 */
public final class DkimVerifier {
    private final DkimKeySource keys;

    private DkimVerifier(DkimKeySource keys) {
        this.keys = keys;
    }

    /**
     * Returns a verifier that looks keys up at one DNS server.
     *
     * @param dnsServer {@code host:port} (or {@code host} for port 53), e.g. {@code 127.0.0.1:5353}
     * @return the verifier
     * @throws TributaryValidationException when the server is not a valid host and port
     */
    public static DkimVerifier create(String dnsServer) {
        return new DkimVerifier(DkimKeySource.dns(dnsServer));
    }

    /**
     * Returns a verifier that looks keys up through {@code keys}.
     *
     * @param keys the key source
     * @return the verifier
     */
    public static DkimVerifier create(DkimKeySource keys) {
        return new DkimVerifier(Objects.requireNonNull(keys, "keys"));
    }

    /**
     * Verifies a message's DKIM signatures: {@code PASS} when any signature verifies, else {@code TEMPERROR}
     * when a key lookup failed temporarily, else {@code FAIL}; {@code NONE} when there is no signature.
     *
     * @param rawMessage the message exactly as received, headers and body
     * @return the outcome
     * @throws TributaryValidationException when the bytes are not a parseable message
     */
    public DkimResult verify(byte[] rawMessage) {
        Objects.requireNonNull(rawMessage, "rawMessage");
        return JdkimBridge.verify(keys, new ByteArrayInputStream(rawMessage));
    }

    @Override
    public String toString() {
        return "DkimVerifier[" + keys + "]";
    }
}
