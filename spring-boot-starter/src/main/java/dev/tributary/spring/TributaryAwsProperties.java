package dev.tributary.spring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tributary.aws.*}: settings shared by the AWS SDK clients Tributary builds (SES, DynamoDB). Unset values
 * fall back to the SDK's default region and credential chains.
 */
@ConfigurationProperties("tributary.aws")
public class TributaryAwsProperties {
    /** AWS region, such as eu-west-1; unset means the SDK's default region chain. */
    private String region;
    /** Limit for one API call including all attempts. */
    private Duration apiCallTimeout = Duration.ofSeconds(30);
    /** Limit for establishing a connection. */
    private Duration connectTimeout = Duration.ofSeconds(5);
    /** Static access key id, for local servers only; unset means the SDK's default credentials chain. */
    private String accessKeyId;
    /** Static secret access key, for local servers only. */
    private String secretAccessKey;

    /** Returns the region. */
    public String getRegion() {
        return region;
    }

    /** Sets the region. */
    public void setRegion(String region) {
        this.region = region;
    }

    /** Returns the API call timeout. */
    public Duration getApiCallTimeout() {
        return apiCallTimeout;
    }

    /** Sets the API call timeout. */
    public void setApiCallTimeout(Duration apiCallTimeout) {
        this.apiCallTimeout = apiCallTimeout;
    }

    /** Returns the connect timeout. */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /** Sets the connect timeout. */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** Returns the static access key id. */
    public String getAccessKeyId() {
        return accessKeyId;
    }

    /** Sets the static access key id. */
    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    /** Returns the static secret access key. */
    public String getSecretAccessKey() {
        return secretAccessKey;
    }

    /** Sets the static secret access key. */
    public void setSecretAccessKey(String secretAccessKey) {
        this.secretAccessKey = secretAccessKey;
    }

    @Override
    public String toString() {
        return "TributaryAwsProperties[region=" + region + ", accessKeyId=" + (accessKeyId == null ? "unset" : "set")
                + "]";
    }
}
