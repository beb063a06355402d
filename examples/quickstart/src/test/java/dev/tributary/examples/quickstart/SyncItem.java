package dev.tributary.examples.quickstart;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/**
 * Item of the DynamoDB -> OpenSearch tests: {@code version} grows with every write (in the AWS-shaped convergence
 * test it behaves as the Enhanced Client's version attribute: grows by one per write, restarts at 1 when the item
 * is deleted and created again); {@code n} counts partial updates.
 */
@DynamoDbBean
public class SyncItem {
    private String id;
    private String name;
    private Long n;
    private Long version;

    /** For the mapper. */
    public SyncItem() {}

    @DynamoDbPartitionKey
    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Long getN() {
        return n;
    }

    public void setN(Long n) {
        this.n = n;
    }

    public Long getVersion() {
        return version;
    }

    public void setVersion(Long version) {
        this.version = version;
    }
}
