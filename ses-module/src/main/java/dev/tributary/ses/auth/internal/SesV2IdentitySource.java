package dev.tributary.ses.auth.internal;

import dev.tributary.ses.auth.IdentitySource;
import dev.tributary.ses.auth.SesIdentity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;

/** Reads identities with GetEmailIdentity; falls back to the domain alone when the call fails. Thread-safe. */
public final class SesV2IdentitySource implements IdentitySource {
    private static final Logger LOG = LoggerFactory.getLogger(SesV2IdentitySource.class);

    private final SesV2Client client;

    /** Creates the source over a client the caller owns. */
    public SesV2IdentitySource(SesV2Client client) {
        this.client = client;
    }

    @Override
    public SesIdentity identity(String domain) {
        try {
            GetEmailIdentityResponse response = client.getEmailIdentity(r -> r.emailIdentity(domain));
            return SesIdentity.fromResponse(domain, region(), response);
        } catch (SdkException e) {
            LOG.warn("Could not read the SES identity, checking DNS without it [op=GetEmailIdentity, domain={}, "
                    + "error={}]", domain, e.getClass().getSimpleName());
            return SesIdentity.ofDomain(domain);
        }
    }

    private @Nullable String region() {
        try {
            return client.serviceClientConfiguration().region().id();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
