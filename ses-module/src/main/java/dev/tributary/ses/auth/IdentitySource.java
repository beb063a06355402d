package dev.tributary.ses.auth;

import dev.tributary.ses.auth.internal.SesV2IdentitySource;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Supplies the {@link SesIdentity} for a sender domain to {@link SenderDomainGuard}. Implementations must be
 * thread-safe and should not throw: return {@link SesIdentity#ofDomain} when SES cannot be asked.
 */
@FunctionalInterface
public interface IdentitySource {
    /**
     * Returns what SES knows about a domain.
     *
     * @param domain a normalised domain
     * @return the identity
     */
    SesIdentity identity(String domain);

    /** Returns a source that knows only the domain (DKIM then cannot be checked, no custom MAIL FROM assumed). */
    static IdentitySource domainOnly() {
        return SesIdentity::ofDomain;
    }

    /**
     * Returns a source that calls GetEmailIdentity on the given client (which is not closed); when the call fails
     * it logs a WARN line and falls back to {@link #domainOnly()}.
     *
     * @param client a client the caller built and owns; its region is recorded in the identity
     * @return the source
     */
    static IdentitySource sesV2(SesV2Client client) {
        return new SesV2IdentitySource(client);
    }
}
