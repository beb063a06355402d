package dev.tributary.spring;

import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ClientSettings;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.dynamo.CaptureListener;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.dynamo.CheckpointStore;
import dev.tributary.dynamo.DeadLetterDestination;
import dev.tributary.dynamo.DynamoDbCheckpointStore;
import dev.tributary.dynamo.FailurePolicy;
import dev.tributary.dynamo.InMemoryCheckpointStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A {@link ChangeCapture} of {@code tributary.dynamo.capture.table-name}, delivering to every
 * {@link ChangeHandler} bean (each named by its bean name, in {@code @Order}), run by a
 * {@link ChangeCaptureLifecycle}. Images are typed with the {@link TableSchema} bean, else with
 * {@code item-type} (a bean class), else raw attribute maps; a handler whose type does not match fails its
 * batches. After {@code max-attempts} a refused batch stops its shard, or, with a {@link DeadLetterDestination}
 * bean, its poison records are dead-lettered. Every {@link CaptureListener} bean observes the capture.
 */
@AutoConfiguration(after = {TributaryAutoConfiguration.class, TributaryMetricsAutoConfiguration.class})
@ConditionalOnClass(ChangeCapture.class)
@ConditionalOnProperty(prefix = "tributary.dynamo.capture", name = "table-name")
@ConditionalOnBean(ChangeHandler.class)
@EnableConfigurationProperties(TributaryCaptureProperties.class)
public class TributaryCaptureAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(TributaryCaptureAutoConfiguration.class);

    /**
     * The DynamoDB client for the checkpoint table, unless the application has one; closed with the context.
     *
     * @param capture the properties
     * @param settings the client settings bean
     * @return the client
     */
    @Bean
    @ConditionalOnMissingBean
    public DynamoDbClient tributaryDynamoDbClient(TributaryCaptureProperties capture, ClientSettings settings) {
        ClientSettings s = withEndpoint(settings, capture);
        return s.applyTo(DynamoDbClient.builder(),
                UrlConnectionHttpClient.builder().connectionTimeout(s.connectTimeout())).build();
    }

    /**
     * Where the capture's checkpoints are kept: a DynamoDB table when {@code checkpoint-table} is set (created
     * when missing), else in memory.
     *
     * @param capture the properties
     * @param dynamo the DynamoDB client bean
     * @return the store
     */
    @Bean
    @ConditionalOnMissingBean
    public CheckpointStore tributaryCheckpointStore(TributaryCaptureProperties capture, DynamoDbClient dynamo) {
        if (capture.getCheckpointTable() == null) {
            LOG.warn("Checkpoints are kept in memory: a restart reads the stream again from {} [table={}];"
                    + " set tributary.dynamo.capture.checkpoint-table to keep them", capture.getStartPosition(),
                    capture.getTableName());
            return InMemoryCheckpointStore.create();
        }
        DynamoDbCheckpointStore store = DynamoDbCheckpointStore.create(dynamo, capture.getCheckpointTable());
        store.createTableIfMissing();
        return store;
    }

    /**
     * The capture, built but not started (the lifecycle starts it); closed with the context.
     *
     * @param capture the properties
     * @param settings the client settings bean
     * @param resilience the resilience settings bean
     * @param checkpoints the checkpoint store
     * @param beans where the handler beans are looked up by name
     * @param listeners listener beans, combined in order
     * @param deadLetters the dead-letter destination bean, when there is one
     * @param schema a table schema bean, when there is one
     * @param environment for spring.application.name
     * @return the capture
     */
    @Bean
    @ConditionalOnMissingBean
    @SuppressWarnings({"unchecked", "rawtypes"})
    public ChangeCapture<?> tributaryChangeCapture(TributaryCaptureProperties capture, ClientSettings settings,
            ResilienceSettings resilience, CheckpointStore checkpoints, ListableBeanFactory beans,
            ObjectProvider<CaptureListener> listeners, ObjectProvider<DeadLetterDestination> deadLetters,
            ObjectProvider<TableSchema<?>> schema, Environment environment) {
        TableSchema<?> tableSchema = schema.getIfUnique(() -> itemSchema(capture));
        ChangeCapture.Builder<Object> b = tableSchema != null
                ? ChangeCapture.builder((TableSchema<Object>) tableSchema)
                : (ChangeCapture.Builder) ChangeCapture.raw();
        DeadLetterDestination dlq = deadLetters.getIfUnique();
        FailurePolicy.Builder policy = FailurePolicy.builder().maxAttempts(capture.getMaxAttempts());
        FailurePolicy failurePolicy = (dlq == null ? policy.stopShard() : policy.deadLetter(dlq)).build();
        String consumer = capture.getConsumerName() != null ? capture.getConsumerName()
                : environment.getProperty("spring.application.name", "application");
        b.clientSettings(withEndpoint(settings, capture))
                .tableName(capture.getTableName())
                .consumerName(consumer)
                .checkpointStore(checkpoints)
                .startPosition(capture.getStartPosition())
                .batchSize(capture.getBatchSize())
                .polling(capture.getPollMin(), capture.getPollMax())
                .shutdownTimeout(capture.getShutdownTimeout())
                .resilience(resilience)
                .listener(listeners.orderedStream().reduce(CaptureListener::both).orElse(CaptureListener.NONE));
        List<Map.Entry<String, ChangeHandler>> handlers = new ArrayList<>(beans.getBeansOfType(ChangeHandler.class)
                .entrySet());
        handlers.sort((x, y) -> AnnotationAwareOrderComparator.INSTANCE.compare(x.getValue(), y.getValue()));
        handlers.forEach(h -> b.handler(h.getKey(), (ChangeHandler<Object>) h.getValue(), failurePolicy));
        return b.build();
    }

    /**
     * Starts the capture after the context refreshed, stops it gracefully on shutdown.
     *
     * @param capture the capture
     * @return the lifecycle
     */
    @Bean
    @ConditionalOnMissingBean
    public ChangeCaptureLifecycle tributaryChangeCaptureLifecycle(ChangeCapture<?> capture) {
        return new ChangeCaptureLifecycle(capture);
    }

    private static TableSchema<?> itemSchema(TributaryCaptureProperties capture) {
        if (capture.getItemType() == null) {
            return null;
        }
        try {
            return TableSchema.fromBean(ClassUtils.forName(capture.getItemType(),
                    TributaryCaptureAutoConfiguration.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            throw TributaryValidationException.of("tributary.dynamo.capture.item-type",
                    "names no class on the class path: " + capture.getItemType());
        }
    }

    private static ClientSettings withEndpoint(ClientSettings settings, TributaryCaptureProperties capture) {
        return capture.getEndpoint() == null ? settings
                : settings.toBuilder().endpointOverride(capture.getEndpoint()).build();
    }
}
