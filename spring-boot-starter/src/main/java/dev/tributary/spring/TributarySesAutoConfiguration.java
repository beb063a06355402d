package dev.tributary.spring;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.ses.SesAsyncMailer;
import dev.tributary.ses.SesMailer;
import dev.tributary.ses.SesMailerListener;
import dev.tributary.ses.SesOptions;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The SES mailers, when {@code tributary-ses} is on the class path and {@code tributary.ses.enabled} is not false.
 * Every {@link SesMailerListener} bean (such as the Micrometer one) observes them. The mailers build their own
 * SDK clients from the {@link ClientSettings} bean and close them with the context.
 */
@AutoConfiguration(after = {TributaryAutoConfiguration.class, TributaryMetricsAutoConfiguration.class})
@ConditionalOnClass(SesMailer.class)
@ConditionalOnProperty(prefix = "tributary.ses", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(TributarySesProperties.class)
public class TributarySesAutoConfiguration {

    /**
     * The mailers' sending policy from {@code tributary.ses.*}.
     *
     * @param ses the properties
     * @return the options
     */
    @Bean
    @ConditionalOnMissingBean
    public SesOptions tributarySesOptions(TributarySesProperties ses) {
        SesOptions.Builder b = SesOptions.builder()
                .quotaAware(ses.isQuotaAware())
                .defaultConfigurationSet(ses.getDefaultConfigurationSet());
        if (ses.getMaxSendRate() != null) {
            b.maxSendRate(ses.getMaxSendRate());
        }
        return b.build();
    }

    /**
     * The synchronous mailer over the SES v2 API.
     *
     * @param ses the properties
     * @param settings the client settings bean; {@code tributary.ses.endpoint} overrides its endpoint
     * @param options the options
     * @param resilience the resilience settings bean
     * @param listeners listener beans, combined in order
     * @return the mailer, closed with the context
     */
    @Bean
    @ConditionalOnMissingBean
    public SesMailer tributarySesMailer(TributarySesProperties ses, ClientSettings settings, SesOptions options,
            ResilienceSettings resilience, ObjectProvider<SesMailerListener> listeners) {
        return SesMailer.builder().clientSettings(withEndpoint(settings, ses)).options(options)
                .resilience(resilience).listener(combined(listeners)).build();
    }

    /**
     * The asynchronous mailer, when {@code tributary.ses.async-enabled=true}.
     *
     * @param ses the properties
     * @param settings the client settings bean
     * @param options the options
     * @param resilience the resilience settings bean
     * @param listeners listener beans, combined in order
     * @return the mailer, closed with the context
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "tributary.ses", name = "async-enabled")
    public SesAsyncMailer tributarySesAsyncMailer(TributarySesProperties ses, ClientSettings settings,
            SesOptions options, ResilienceSettings resilience, ObjectProvider<SesMailerListener> listeners) {
        return SesAsyncMailer.builder().clientSettings(withEndpoint(settings, ses)).options(options)
                .resilience(resilience).listener(combined(listeners)).build();
    }

    private static SesMailerListener combined(ObjectProvider<SesMailerListener> listeners) {
        return listeners.orderedStream().reduce(SesMailerListener::both).orElse(SesMailerListener.NONE);
    }

    private static ClientSettings withEndpoint(ClientSettings settings, TributarySesProperties ses) {
        return ses.getEndpoint() == null ? settings : settings.toBuilder().endpointOverride(ses.getEndpoint()).build();
    }
}
