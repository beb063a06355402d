package dev.tributary.ses.inbound;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link DkimVerifier#verify(byte[])}. For {@code PASS} the domain and selector are those of
 * the signature that verified; otherwise those of the first signature tried, when it could be read.
 *
 * @param status the outcome
 * @param domain the signing domain ({@code d=}), or null for {@code NONE} or an unreadable signature
 * @param selector the key selector ({@code s=}), or null likewise
 * @param reason why it did not pass (addresses masked), or null for {@code PASS} and {@code NONE}
 */
public record DkimResult(DkimStatus status, @Nullable String domain, @Nullable String selector,
        @Nullable String reason) {

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
