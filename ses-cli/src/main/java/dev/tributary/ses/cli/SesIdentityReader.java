package dev.tributary.ses.cli;

import dev.tributary.ses.auth.SesIdentity;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;

/**
 * Reads a domain identity with GetEmailIdentity for {@code --from-ses}. Unlike the mailer's
 * {@link dev.tributary.ses.auth.IdentitySource#sesV2 IdentitySource}, which falls back to the bare domain, a
 * failure here is an error: a report without the SES data would check the wrong thing.
 */
final class SesIdentityReader {
    private final @Nullable String region;
    private final @Nullable URI endpoint;
    private final Duration apiCallTimeout;

    SesIdentityReader(@Nullable String region, @Nullable URI endpoint, Duration apiCallTimeout) {
        this.region = region;
        this.endpoint = endpoint;
        this.apiCallTimeout = apiCallTimeout;
    }

    SesIdentity read(String domain) {
        try (SesV2Client client = client()) {
            String actualRegion = client.serviceClientConfiguration().region().id();
            GetEmailIdentityResponse response = client.getEmailIdentity(r -> r.emailIdentity(domain));
            return SesIdentity.fromResponse(domain, actualRegion, response);
        } catch (NotFoundException e) {
            throw new CliException("SES has no identity " + domain + " in this region: verify the domain in SES, "
                    + "or pass the identity's region with --region");
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new CliException("SES GetEmailIdentity failed with HTTP " + e.statusCode()
                    + (code == null ? "" : " " + code) + ": check the credentials' ses:GetEmailIdentity permission"
                    + ", --region and --endpoint-url");
        } catch (SdkClientException e) {
            throw new CliException("Could not ask SES (GetEmailIdentity): " + e.getMessage()
                    + " Set credentials and the region (AWS_PROFILE, AWS_REGION or --region) or --endpoint-url");
        }
    }

    private static Region defaultRegion() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new CliException("No AWS region for --from-ses: pass --region, or set AWS_REGION or a profile"
                    + " region");
        }
    }

    private SesV2Client client() {
        SesV2ClientBuilder b = SesV2Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)))
                .overrideConfiguration(c -> c.apiCallTimeout(apiCallTimeout));
        b.region(region != null ? Region.of(region) : defaultRegion());
        if (endpoint != null) {
            b.endpointOverride(endpoint);
        }
        return b.build();
    }
}
