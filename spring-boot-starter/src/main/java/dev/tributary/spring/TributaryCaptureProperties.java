package dev.tributary.spring;

import dev.tributary.dynamo.StartPosition;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code tributary.dynamo.capture.*}: one DynamoDB change capture, created when {@code table-name} is set and the
 * application has at least one {@code ChangeHandler} bean.
 */
@ConfigurationProperties("tributary.dynamo.capture")
public class TributaryCaptureProperties {
    /** The table whose stream is read; the capture is created when set. */
    private String tableName;
    /** Names this consumer in checkpoints; defaults to spring.application.name, else "application". */
    private String consumerName;
    /** Endpoint override for DynamoDB and DynamoDB Streams, such as DynamoDB Local. */
    private URI endpoint;
    /** Checkpoint table (created when missing); unset keeps checkpoints in memory, so a restart re-reads. */
    private String checkpointTable;
    /** Where a consumer without checkpoints starts. */
    private StartPosition startPosition = StartPosition.TRIM_HORIZON;
    /** Fully qualified item class mapped with TableSchema.fromBean; unset (and no TableSchema bean) means raw maps. */
    private String itemType;
    /** Records per GetRecords call, 1-1000. */
    private int batchSize = 1000;
    /** Attempts per batch before the failure policy acts (stop the shard, or dead-letter with a DeadLetterDestination bean). */
    private int maxAttempts = 3;
    /** Shortest wait between polls of an idle shard. */
    private Duration pollMin = Duration.ofMillis(200);
    /** Longest wait between polls of an idle shard. */
    private Duration pollMax = Duration.ofSeconds(1);
    /** How long a graceful stop may take. */
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    /** Lag above which the capture health indicator reports DOWN. */
    private Duration maxHealthyLag = Duration.ofMinutes(5);

    /** Returns the table name. */
    public String getTableName() {
        return tableName;
    }

    /** Sets the table name. */
    public void setTableName(String tableName) {
        this.tableName = tableName;
    }

    /** Returns the consumer name. */
    public String getConsumerName() {
        return consumerName;
    }

    /** Sets the consumer name. */
    public void setConsumerName(String consumerName) {
        this.consumerName = consumerName;
    }

    /** Returns the endpoint override. */
    public URI getEndpoint() {
        return endpoint;
    }

    /** Sets the endpoint override. */
    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    /** Returns the checkpoint table. */
    public String getCheckpointTable() {
        return checkpointTable;
    }

    /** Sets the checkpoint table. */
    public void setCheckpointTable(String checkpointTable) {
        this.checkpointTable = checkpointTable;
    }

    /** Returns the start position. */
    public StartPosition getStartPosition() {
        return startPosition;
    }

    /** Sets the start position. */
    public void setStartPosition(StartPosition startPosition) {
        this.startPosition = startPosition;
    }

    /** Returns the item class name. */
    public String getItemType() {
        return itemType;
    }

    /** Sets the item class name. */
    public void setItemType(String itemType) {
        this.itemType = itemType;
    }

    /** Returns the batch size. */
    public int getBatchSize() {
        return batchSize;
    }

    /** Sets the batch size. */
    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    /** Returns the attempts per batch. */
    public int getMaxAttempts() {
        return maxAttempts;
    }

    /** Sets the attempts per batch. */
    public void setMaxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
    }

    /** Returns the shortest poll wait. */
    public Duration getPollMin() {
        return pollMin;
    }

    /** Sets the shortest poll wait. */
    public void setPollMin(Duration pollMin) {
        this.pollMin = pollMin;
    }

    /** Returns the longest poll wait. */
    public Duration getPollMax() {
        return pollMax;
    }

    /** Sets the longest poll wait. */
    public void setPollMax(Duration pollMax) {
        this.pollMax = pollMax;
    }

    /** Returns the shutdown timeout. */
    public Duration getShutdownTimeout() {
        return shutdownTimeout;
    }

    /** Sets the shutdown timeout. */
    public void setShutdownTimeout(Duration shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
    }

    /** Returns the lag above which health is DOWN. */
    public Duration getMaxHealthyLag() {
        return maxHealthyLag;
    }

    /** Sets the lag above which health is DOWN. */
    public void setMaxHealthyLag(Duration maxHealthyLag) {
        this.maxHealthyLag = maxHealthyLag;
    }
}
