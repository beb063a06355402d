package dev.tributary.dynamo.internal;

import dev.tributary.core.Resilience;
import dev.tributary.core.TributaryExceptions;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.dynamo.CaptureException;
import dev.tributary.dynamo.CaptureFailure;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Table chores shared by the stream-table helper and the ledger: create if missing, wait, turn on TTL. */
public final class Tables {
    private static final Logger LOG = LoggerFactory.getLogger(Tables.class);
    /** How often a table's status is polled while waiting for ACTIVE. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);
    /** How long to wait for ACTIVE before giving up; tables normally take seconds. */
    static final Duration WAIT_TIMEOUT = Duration.ofMinutes(5);

    private Tables() {}

    /**
     * Describes a table.
     *
     * @return the description, or empty when the table does not exist
     */
    public static Optional<TableDescription> describe(DynamoDbClient client, String table, Resilience guard) {
        return guard.execute("dynamodb.DescribeTable[" + table + "]", () -> {
            try {
                return Optional.of(client.describeTable(b -> b.tableName(table)).table());
            } catch (ResourceNotFoundException missing) {
                return Optional.empty();
            }
        });
    }

    /**
     * Creates a table unless one of that name exists or is being created, then waits until it is ACTIVE.
     *
     * @return the description of the ACTIVE table
     */
    public static TableDescription createAndAwait(DynamoDbClient client, CreateTableRequest request, Resilience guard) {
        String table = request.tableName();
        guard.execute("dynamodb.CreateTable[" + table + "]", () -> {
            try {
                client.createTable(request);
                LOG.debug("Created table [table={}]", table);
            } catch (ResourceInUseException exists) {
                // Another process created it first: fine, the caller checks its shape.
                LOG.debug("Table already exists [table={}]", table);
            }
            return null;
        });
        return awaitActive(client, table);
    }

    /**
     * Waits with the SDK waiter until the table is ACTIVE.
     *
     * @return the description of the ACTIVE table
     */
    public static TableDescription awaitActive(DynamoDbClient client, String table) {
        try {
            return client.waiter()
                    .waitUntilTableExists(b -> b.tableName(table), w -> w
                            .backoffStrategyV2(BackoffStrategy.fixedDelayWithoutJitter(POLL_INTERVAL))
                            .waitTimeout(WAIT_TIMEOUT)
                            .maxAttempts((int) (WAIT_TIMEOUT.toSeconds() / POLL_INTERVAL.toSeconds())))
                    .matched()
                    .response()
                    .orElseThrow(() -> CaptureException.of(CaptureFailure.TABLE_NOT_READY, "Table [table=" + table
                            + "] did not become ACTIVE within " + WAIT_TIMEOUT + "; check it in the console", null))
                    .table();
        } catch (RuntimeException e) {
            throw TributaryExceptions.translate(e, "dynamodb.waitUntilTableExists[" + table + "]");
        }
    }

    /**
     * Turns on Time to Live for {@code attribute} unless it is already on (or turning on) for it.
     *
     * @throws TributaryValidationException when TTL is on for another attribute or being turned off
     */
    public static void enableTtl(DynamoDbClient client, String table, String attribute, Resilience guard) {
        TimeToLiveDescription ttl = guard.execute("dynamodb.DescribeTimeToLive[" + table + "]",
                () -> client.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription());
        TimeToLiveStatus status = ttl == null || ttl.timeToLiveStatus() == null
                ? TimeToLiveStatus.DISABLED : ttl.timeToLiveStatus();
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            if (!attribute.equals(ttl.attributeName())) {
                throw TributaryValidationException.of("ttlAttribute", "table [" + table + "] already has TTL on "
                        + "attribute '" + ttl.attributeName() + "'; use that name or turn TTL off first");
            }
            return;
        }
        if (status == TimeToLiveStatus.DISABLING) {
            throw TributaryValidationException.of("ttlAttribute", "TTL of table [" + table + "] is being turned off;"
                    + " DynamoDB allows turning it on again only after that finishes (up to an hour)");
        }
        guard.execute("dynamodb.UpdateTimeToLive[" + table + "]", () -> client.updateTimeToLive(b -> b
                .tableName(table)
                .timeToLiveSpecification(s -> s.enabled(true).attributeName(attribute))));
        LOG.debug("Enabled TTL [table={}, attribute={}]", table, attribute);
    }
}
