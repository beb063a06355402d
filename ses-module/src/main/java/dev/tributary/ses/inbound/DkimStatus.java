package dev.tributary.ses.inbound;

/** The outcome of verifying a message's DKIM signatures (RFC 8601 result names). */
public enum DkimStatus {
    /** A signature verified: the signing domain vouches for the signed headers and body. */
    PASS,
    /**
     * No signature verified: the body or signed headers changed, the key is missing or revoked, or a
     * signature is malformed; see {@link DkimResult#reason()}.
     */
    FAIL,
    /** The message is not signed. */
    NONE,
    /** The key lookup failed temporarily (DNS timeout or server failure); try again later. */
    TEMPERROR
}
