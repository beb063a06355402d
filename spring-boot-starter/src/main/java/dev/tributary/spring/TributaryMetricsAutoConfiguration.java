package dev.tributary.spring;

import dev.tributary.core.ResilienceSettings;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.micrometer.CaptureMeters;
import dev.tributary.micrometer.ResilienceMeters;
import dev.tributary.micrometer.SdkMeters;
import dev.tributary.micrometer.SesMeters;
import dev.tributary.ses.SesAsyncMailer;
import dev.tributary.ses.SesMailer;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Micrometer meters when {@code tributary-micrometer} is on the class path and a {@link MeterRegistry} bean exists
 * (Actuator makes one): {@link SdkMeters} for every SDK client built from the settings bean, Resilience4j's
 * meters for the registries the facades use, {@link SesMeters} for the mailers and {@link CaptureMeters} for the
 * capture, with their gauges bound once every singleton exists.
 */
@AutoConfiguration(after = TributaryAutoConfiguration.class, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration"})
@ConditionalOnClass({SdkMeters.class, MeterRegistry.class})
@ConditionalOnBean(MeterRegistry.class)
public class TributaryMetricsAutoConfiguration {

    /**
     * Meters every AWS SDK call of the clients built from the client settings bean.
     *
     * @param registry the meter registry
     * @return the publisher, picked up by the client settings bean
     */
    @Bean
    @ConditionalOnMissingBean
    public SdkMeters tributarySdkMeters(MeterRegistry registry) {
        return SdkMeters.create(registry);
    }

    /**
     * Binds the Resilience4j registries of the resilience settings bean once the context is ready.
     *
     * @param registry the meter registry
     * @param resilience the resilience settings bean
     * @return the binder
     */
    @Bean
    public SmartInitializingSingleton tributaryResilienceMeterBinder(MeterRegistry registry,
            ObjectProvider<ResilienceSettings> resilience) {
        return () -> resilience.ifAvailable(settings -> ResilienceMeters.bind(settings, registry));
    }

    /** Mailer meters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(SesMailer.class)
    static class SesMetersConfiguration {
        /**
         * The mailers' listener.
         *
         * @param registry the meter registry
         * @return the listener, picked up by the mailer options
         */
        @Bean
        @ConditionalOnMissingBean
        SesMeters tributarySesMeters(MeterRegistry registry) {
            return SesMeters.create(registry);
        }

        /**
         * Binds the send-rate gauge to the mailer beans.
         *
         * @param meters the listener
         * @param mailer the sync mailer, when there is one
         * @param asyncMailer the async mailer, when there is one
         * @return the binder
         */
        @Bean
        SmartInitializingSingleton tributarySesMeterBinder(SesMeters meters, ObjectProvider<SesMailer> mailer,
                ObjectProvider<SesAsyncMailer> asyncMailer) {
            return () -> {
                mailer.ifUnique(meters::bindTo);
                asyncMailer.ifUnique(meters::bindTo);
            };
        }
    }

    /** Capture meters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ChangeCapture.class)
    @ConditionalOnProperty(prefix = "tributary.dynamo.capture", name = "table-name")
    static class CaptureMetersConfiguration {
        /**
         * The capture's listener, tagged with its consumer name.
         *
         * @param registry the meter registry
         * @param environment for the consumer name
         * @return the listener, picked up by the capture
         */
        @Bean
        @ConditionalOnMissingBean
        CaptureMeters tributaryCaptureMeters(MeterRegistry registry, Environment environment) {
            String consumer = environment.getProperty("tributary.dynamo.capture.consumer-name",
                    environment.getProperty("spring.application.name", "application"));
            return CaptureMeters.create(registry, consumer);
        }

        /**
         * Binds the lag and shard gauges to the capture bean.
         *
         * @param meters the listener
         * @param capture the capture, when there is one
         * @return the binder
         */
        @Bean
        SmartInitializingSingleton tributaryCaptureMeterBinder(CaptureMeters meters,
                ObjectProvider<ChangeCapture<?>> capture) {
            return () -> capture.ifUnique(meters::bindTo);
        }
    }
}
