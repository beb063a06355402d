package dev.tributary.ses.inbound;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link DkimVerifier#verify(byte[])}. For {@code PASS} the domain and selector are those of
 * the signature that verified; otherwise those of the first signature tried, when it could be read.
 *
 * <p>Only the first {@link DkimVerifier#maxSignatures()} signatures (in header order, newest first) are
 * checked; {@link #notChecked()} counts the others, which neither pass nor fail the message.
 *
 * @param status the outcome
 * @param domain the signing domain ({@code d=}), or null for {@code NONE} or an unreadable signature
 * @param selector the key selector ({@code s=}), or null likewise
 * @param reason why it did not pass (addresses masked), or null for {@code PASS} and {@code NONE}
 * @param signatures how many DKIM-Signature headers the message has
 * @param checked how many of them were checked
 */
public record DkimResult(DkimStatus status, @Nullable String domain, @Nullable String selector,
        @Nullable String reason, int signatures, int checked) {

    /**
     * Creates a result for a message with one checked signature, or none for {@code NONE}.
     *
     * @param status the outcome
     * @param domain the signing domain, or null
     * @param selector the key selector, or null
     * @param reason why it did not pass, or null
     */
    public DkimResult(DkimStatus status, @Nullable String domain, @Nullable String selector,
            @Nullable String reason) {
        this(status, domain, selector, reason, status == DkimStatus.NONE ? 0 : 1, status == DkimStatus.NONE ? 0 : 1);
    }

    /** Returns how many signatures were left unchecked because the message has more than the verifier checks. */
    public int notChecked() {
        return signatures - checked;
    }

    /** Returns whether a signature verified. */
    public boolean passed() {
        return status == DkimStatus.PASS;
    }

    /** Returns the signing domain, when known. */
    public Optional<String> signingDomain() {
        return Optional.ofNullable(domain);
    }

    /** Returns why verification did not pass, when it did not. */
    public Optional<String> failureReason() {
        return Optional.ofNullable(reason);
    }
}
