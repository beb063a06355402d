package dev.tributary.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.micrometer.SdkMeters;
import dev.tributary.micrometer.SesMeters;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.ses.SesAsyncMailer;
import dev.tributary.ses.SesMailer;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.regions.Region;

class TributaryAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TributaryAutoConfiguration.class,
                    TributaryMetricsAutoConfiguration.class, TributarySesAutoConfiguration.class,
                    TributaryOpenSearchAutoConfiguration.class, TributaryCaptureAutoConfiguration.class,
                    TributaryHealthAutoConfiguration.class))
            .withPropertyValues("tributary.aws.region=eu-west-1", "tributary.aws.access-key-id=local",
                    "tributary.aws.secret-access-key=local");

    @Test
    void context_noTributaryProperties_givesSettingsMailerAndBreakerHealthButNoOpenSearchOrCapture() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ClientSettings.class).hasSingleBean(ResilienceSettings.class)
                    .hasSingleBean(SesMailer.class).hasSingleBean(CircuitBreakersHealthIndicator.class)
                    .doesNotHaveBean(SesAsyncMailer.class).doesNotHaveBean(OpenSearchConnection.class)
                    .doesNotHaveBean(ChangeCapture.class).doesNotHaveBean(SdkMeters.class);
            ClientSettings settings = context.getBean(ClientSettings.class);
            assertThat(settings.region()).contains(Region.EU_WEST_1);
            assertThat(settings.credentialsProvider()).isPresent();
            assertThat(context.getBean(ResilienceSettings.class).circuitBreakerRegistry())
                    .contains(context.getBean(CircuitBreakerRegistry.class));
        });
    }

    @Test
    void context_sesDisabledAndAsyncEnabled_followTheProperties() {
        runner.withPropertyValues("tributary.ses.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(SesMailer.class));
        runner.withPropertyValues("tributary.ses.async-enabled=true", "tributary.ses.endpoint=http://127.0.0.1:1")
                .run(context -> assertThat(context).hasSingleBean(SesAsyncMailer.class).hasSingleBean(SesMailer.class));
    }

    @Test
    void context_withoutSesModule_hasNoMailerAndStillStarts() {
        runner.withClassLoader(new FilteredClassLoader(SesMailer.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("tributarySesMailer"));
    }

    @Test
    void context_openSearchUrlsAsListOrCommaSeparated_createsTheConnection() {
        runner.withPropertyValues("tributary.opensearch.urls[0]=http://127.0.0.1:9")
                .run(context -> assertThat(context).hasSingleBean(OpenSearchConnection.class));
        runner.withPropertyValues("tributary.opensearch.urls=http://127.0.0.1:9,http://127.0.0.2:9")
                .run(context -> assertThat(context).hasSingleBean(OpenSearchConnection.class));
    }

    @Test
    void context_basicAuthOverHttpWithoutOptIn_failsNamingTheField() {
        runner.withPropertyValues("tributary.opensearch.urls=http://127.0.0.1:9", "tributary.opensearch.username=u",
                        "tributary.opensearch.password=secret-value")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("basicAuth").hasMessageNotContaining("secret-value"));
    }

    @Test
    void context_userBeans_winOverAutoConfiguredOnes() {
        runner.withUserConfiguration(UserBeans.class).run(context -> {
            assertThat(context.getBean(ClientSettings.class)).isSameAs(UserBeans.SETTINGS);
            assertThat(context).getBean("tributarySesMailer").isNull();
            assertThat(context).hasSingleBean(SesMailer.class).hasBean("myMailer");
        });
    }

    @Test
    void context_meterRegistry_addsSdkAndSesMetersAndBindsBreakers() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            assertThat(context).hasSingleBean(SdkMeters.class).hasSingleBean(SesMeters.class);
            assertThat(context.getBean(ClientSettings.class).metricPublishers())
                    .containsExactly(context.getBean(SdkMeters.class));
            context.getBean(CircuitBreakerRegistry.class).circuitBreaker("probe");
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("resilience4j.circuitbreaker.state").tag("name", "probe").gauges()).isNotEmpty();
            assertThat(registry.find("tributary.ses.send.rate").gauge()).isNotNull();
        });
    }

    @Test
    void context_withoutMicrometerModule_hasNoMetersEvenWithARegistry() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withClassLoader(new FilteredClassLoader(SdkMeters.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("tributarySdkMeters"));
    }

    @Test
    void circuitBreakerHealth_openBreaker_isDown() {
        runner.run(context -> {
            CircuitBreakerRegistry registry = context.getBean(CircuitBreakerRegistry.class);
            CircuitBreakersHealthIndicator health = context.getBean(CircuitBreakersHealthIndicator.class);
            registry.circuitBreaker("ses");
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            registry.circuitBreaker("ses").transitionToOpenState();
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.health().getDetails()).containsKey("ses");
        });
    }

    @Test
    void context_captureTableWithoutHandlers_hasNoCapture() {
        runner.withPropertyValues("tributary.dynamo.capture.table-name=users")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ChangeCapture.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeans {
        static final ClientSettings SETTINGS = ClientSettings.builder().region(Region.US_EAST_1)
                .apiCallTimeout(Duration.ofSeconds(3)).build();

        @Bean
        ClientSettings mySettings() {
            return SETTINGS;
        }

        @Bean
        SesMailer myMailer() {
            return SesMailer.builder().clientSettings(SETTINGS).build();
        }
    }
}
