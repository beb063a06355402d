package dev.tributary.ses.suppression.internal;

import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryExceptions;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/** Creates the suppression table (on-demand, TTL on {@code expiresAt}) unless it exists. */
public final class SuppressionTable {
    private static final Logger LOG = LoggerFactory.getLogger(SuppressionTable.class);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofMinutes(5);

    private SuppressionTable() {}

    /**
     * Creates the table if missing, waits until it is ACTIVE and turns TTL on.
     *
     * @throws dev.tributary.core.TributaryException when a call fails or the table does not become ACTIVE
     */
    public static void ensure(DynamoDbClient client, String table) {
        String op = "dynamodb.CreateTable[" + table + "]";
        try {
            try {
                client.createTable(b -> b.tableName(table)
                        .billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(AttributeDefinition.builder().attributeName(SuppressionItems.ADDRESS)
                                .attributeType(ScalarAttributeType.S).build())
                        .keySchema(KeySchemaElement.builder().attributeName(SuppressionItems.ADDRESS)
                                .keyType(KeyType.HASH).build()));
                LOG.debug("[op=suppression.createTable, table={}] created", table);
            } catch (ResourceInUseException exists) {
                // Another process created it first, or it is there already: fine.
                LOG.debug("[op=suppression.createTable, table={}] exists", table);
            }
            op = "dynamodb.waitUntilTableExists[" + table + "]";
            boolean active = client.waiter().waitUntilTableExists(b -> b.tableName(table), w -> w
                            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(POLL))
                            .waitTimeout(WAIT)
                            .maxAttempts((int) (WAIT.toSeconds() / POLL.toSeconds())))
                    .matched().response().isPresent();
            if (!active) {
                throw TributaryClientException.create("Table [table=" + table + "] did not become ACTIVE within "
                        + WAIT + "; check it in the console");
            }
            op = "dynamodb.UpdateTimeToLive[" + table + "]";
            enableTtl(client, table);
        } catch (SdkException e) {
            throw TributaryExceptions.translate(e, op);
        }
    }

    private static void enableTtl(DynamoDbClient client, String table) {
        TimeToLiveDescription ttl = client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
        TimeToLiveStatus status = ttl == null || ttl.timeToLiveStatus() == null
                ? TimeToLiveStatus.DISABLED : ttl.timeToLiveStatus();
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            if (!SuppressionItems.EXPIRES_AT.equals(ttl.attributeName())) {
                // Reads still ignore expired entries, but DynamoDB would never delete them.
                LOG.warn("[op=suppression.createTable, table={}] TTL is on attribute '{}', not '{}'; expired"
                        + " temporary entries will not be deleted", table, ttl.attributeName(),
                        SuppressionItems.EXPIRES_AT);
            }
            return;
        }
        client.updateTimeToLive(b -> b.tableName(table)
                .timeToLiveSpecification(s -> s.enabled(true).attributeName(SuppressionItems.EXPIRES_AT)));
        LOG.debug("[op=suppression.createTable, table={}] TTL enabled on {}", table, SuppressionItems.EXPIRES_AT);
    }
}
