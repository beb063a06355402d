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
 * <p>Each signature costs a DNS lookup and a hash of the headers and body, and a sender can add as many as it
 * likes, so only the first {@link #DEFAULT_MAX_SIGNATURES} (in header order, newest first) are checked unless
 * {@link #withMaxSignatures(int)} says otherwise; {@link DkimResult#notChecked()} counts the rest.
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
    /** How many signatures a verifier checks per message unless configured: 5. */
    public static final int DEFAULT_MAX_SIGNATURES = 5;
    /** The most a verifier may be configured to check: 20. */
    public static final int LIMIT_MAX_SIGNATURES = 20;

    private final DkimKeySource keys;
    private final int maxSignatures;

    private DkimVerifier(DkimKeySource keys, int maxSignatures) {
        this.keys = keys;
        this.maxSignatures = maxSignatures;
    }

    /**
     * Returns a verifier that looks keys up at one DNS server.
     *
     * @param dnsServer {@code host:port} (or {@code host} for port 53), e.g. {@code 127.0.0.1:5353}
     * @return the verifier
     * @throws TributaryValidationException when the server is not a valid host and port
     */
    public static DkimVerifier create(String dnsServer) {
        return new DkimVerifier(DkimKeySource.dns(dnsServer), DEFAULT_MAX_SIGNATURES);
    }

    /**
     * Returns a verifier that looks keys up through {@code keys}.
     *
     * @param keys the key source
     * @return the verifier
     */
    public static DkimVerifier create(DkimKeySource keys) {
        return new DkimVerifier(Objects.requireNonNull(keys, "keys"), DEFAULT_MAX_SIGNATURES);
    }

    /**
     * Returns a verifier like this one that checks at most {@code max} signatures per message.
     *
     * @param max 1 to {@link #LIMIT_MAX_SIGNATURES}
     * @return the new verifier
     * @throws TributaryValidationException when {@code max} is out of range
     */
    public DkimVerifier withMaxSignatures(int max) {
        if (max < 1 || max > LIMIT_MAX_SIGNATURES) {
            throw TributaryValidationException.of("maxSignatures", "must be between 1 and " + LIMIT_MAX_SIGNATURES);
        }
        return new DkimVerifier(keys, max);
    }

    /** Returns how many signatures this verifier checks per message. */
    public int maxSignatures() {
        return maxSignatures;
    }

    /**
     * Verifies a message's DKIM signatures: {@code PASS} when any checked signature verifies, else
     * {@code TEMPERROR} when a key lookup failed temporarily, else {@code FAIL}; {@code NONE} when there is no
     * signature. Only the first {@link #maxSignatures()} signatures are checked.
     *
     * @param rawMessage the message exactly as received, headers and body
     * @return the outcome
     * @throws TributaryValidationException when the bytes are not a parseable message
     */
    public DkimResult verify(byte[] rawMessage) {
        Objects.requireNonNull(rawMessage, "rawMessage");
        return JdkimBridge.verify(keys, new ByteArrayInputStream(rawMessage), maxSignatures);
    }

    @Override
    public String toString() {
        return "DkimVerifier[" + keys + ", maxSignatures=" + maxSignatures + "]";
    }
}
