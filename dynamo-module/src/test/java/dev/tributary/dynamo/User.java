package dev.tributary.dynamo;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** Test item: a registered user. */
@DynamoDbBean
public class User {
    private String userId;
    private String email;
    private Integer visits;

    /** For the mapper. */
    public User() {}

    User(String userId, String email, int visits) {
        this.userId = userId;
        this.email = email;
        this.visits = visits;
    }

    @DynamoDbPartitionKey
    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public Integer getVisits() {
        return visits;
    }

    public void setVisits(Integer visits) {
        this.visits = visits;
    }
}
