package dev.tributary.spring;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code tributary.ses.*}: the SES mailers. */
@ConfigurationProperties("tributary.ses")
public class TributarySesProperties {
    /** Whether to create the SesMailer bean (when tributary-ses is on the class path). */
    private boolean enabled = true;
    /** Endpoint override for the SES v2 API, such as a local emulator or a VPC endpoint. */
    private URI endpoint;
    /** Configuration set added to every message that names none. */
    private String defaultConfigurationSet;
    /** Whether to pace sends by the account's quota (read with GetAccount). */
    private boolean quotaAware = true;
    /** Fixed maximum send rate per second instead of the account's; unset means the account's. */
    private Double maxSendRate;
    /** Whether to create an SesAsyncMailer bean as well. */
    private boolean asyncEnabled;

    /** Returns whether the mailer bean is created. */
    public boolean isEnabled() {
        return enabled;
    }

    /** Sets whether the mailer bean is created. */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** Returns the endpoint override. */
    public URI getEndpoint() {
        return endpoint;
    }

    /** Sets the endpoint override. */
    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Returns the default configuration set. */
    public String getDefaultConfigurationSet() {
        return defaultConfigurationSet;
    }

    /** Sets the default configuration set. */
    public void setDefaultConfigurationSet(String defaultConfigurationSet) {
        this.defaultConfigurationSet = defaultConfigurationSet;
    }

    /** Returns whether sends are paced by the account's quota. */
    public boolean isQuotaAware() {
        return quotaAware;
    }

    /** Sets whether sends are paced by the account's quota. */
    public void setQuotaAware(boolean quotaAware) {
        this.quotaAware = quotaAware;
    }

    /** Returns the fixed maximum send rate. */
    public Double getMaxSendRate() {
        return maxSendRate;
    }

    /** Sets the fixed maximum send rate. */
    public void setMaxSendRate(Double maxSendRate) {
        this.maxSendRate = maxSendRate;
    }

    /** Returns whether an async mailer bean is created. */
    public boolean isAsyncEnabled() {
        return asyncEnabled;
    }

    /** Sets whether an async mailer bean is created. */
    public void setAsyncEnabled(boolean asyncEnabled) {
        this.asyncEnabled = asyncEnabled;
    }
}
