package dev.tributary.spring;

import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.IndexSpec;
import dev.tributary.opensearch.OpenSearchConnection;
import dev.tributary.opensearch.SearchIndex;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import software.amazon.awssdk.regions.Region;

/**
 * An {@link OpenSearchConnection} when {@code tributary.opensearch.urls} is set, and a {@link SearchIndex} bean
 * named {@code <key>SearchIndex} for each {@code tributary.opensearch.indexes.<key>} entry (created at start-up
 * when missing, unless {@code create-if-missing=false}).
 */
@AutoConfiguration(after = TributaryAutoConfiguration.class)
@ConditionalOnClass(OpenSearchConnection.class)
@Conditional(OpenSearchUrlsCondition.class)
@EnableConfigurationProperties(TributaryOpenSearchProperties.class)
public class TributaryOpenSearchAutoConfiguration {

    /**
     * The connection, closed with the context.
     *
     * @param os the properties
     * @param resilience the resilience settings bean
     * @return the connection
     */
    @Bean
    @ConditionalOnMissingBean
    public OpenSearchConnection tributaryOpenSearchConnection(TributaryOpenSearchProperties os,
            ResilienceSettings resilience) {
        OpenSearchConnection.Builder b = OpenSearchConnection.builder()
                .timeouts(os.getConnectTimeout(), os.getResponseTimeout())
                .resilience(resilience);
        os.getUrls().forEach(b::url);
        if (os.getUsername() != null) {
            b.basicAuth(os.getUsername(), os.getPassword() == null ? "" : os.getPassword());
        }
        if (os.isAllowInsecureBasicAuth()) {
            b.allowInsecureBasicAuth();
        }
        if (os.getAwsRegion() != null && !os.getAwsRegion().isBlank()) {
            b.aws(Region.of(os.getAwsRegion()),
                    OpenSearchConnection.AwsService.valueOf(os.getAwsService().toUpperCase(Locale.ROOT)));
        }
        return b.build();
    }

    /** Registers the {@code tributary.opensearch.indexes.*} beans. */
    @Bean
    public static BeanDefinitionRegistryPostProcessor tributarySearchIndexRegistrar() {
        return new SearchIndexRegistrar();
    }

    /** Registers one SearchIndex bean definition per configured index, typed by its document class. */
    static final class SearchIndexRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {
        private Environment environment;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            Map<String, TributaryOpenSearchProperties.Index> indexes = Binder.get(environment)
                    .bind("tributary.opensearch.indexes",
                            Bindable.mapOf(String.class, TributaryOpenSearchProperties.Index.class))
                    .orElse(Map.of());
            indexes.forEach((key, index) -> {
                String beanName = key + "SearchIndex";
                if (registry.containsBeanDefinition(beanName)) {
                    return;
                }
                Class<?> type = documentType(key, index);
                String name = index.getName() != null ? index.getName() : key;
                RootBeanDefinition def = new RootBeanDefinition();
                def.setTargetType(ResolvableType.forClassWithGenerics(SearchIndex.class, type));
                def.setBeanClass(SearchIndex.class);
                def.setInstanceSupplier(new SearchIndexSupplier(registry, name, type, index));
                registry.registerBeanDefinition(beanName, def);
            });
        }

        private Class<?> documentType(String key, TributaryOpenSearchProperties.Index index) {
            if (index.getType() == null) {
                return Map.class;
            }
            try {
                return ClassUtils.forName(index.getType(), getClass().getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                throw TributaryValidationException.of("tributary.opensearch.indexes." + key + ".type",
                        "names no class on the class path: " + index.getType());
            }
        }
    }

    /** Creates one SearchIndex from the connection bean, and the index itself when asked. */
    private record SearchIndexSupplier(BeanDefinitionRegistry registry, String name, Class<?> type,
            TributaryOpenSearchProperties.Index index) implements java.util.function.Supplier<SearchIndex<?>> {
        @Override
        public SearchIndex<?> get() {
            OpenSearchConnection connection = ((org.springframework.beans.factory.BeanFactory) registry)
                    .getBean(OpenSearchConnection.class);
            IndexSpec spec = index.getDefinition() != null
                    ? IndexSpec.fromResource(name, index.getDefinition())
                    : IndexSpec.builder(name).build();
            SearchIndex<?> searchIndex = SearchIndex.create(connection, spec, type);
            if (index.isCreateIfMissing()) {
                searchIndex.ensureExists();
            }
            return searchIndex;
        }
    }
}
