package dev.tributary.examples.springboot;

import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;

/** A row of the users table (partition key {@code userId}). */
@DynamoDbBean
public class User {
    private String userId;
    private String email;
    private String name;

    /** Returns the user id. */
    @DynamoDbPartitionKey
    public String getUserId() {
        return userId;
    }

    /** Sets the user id. */
    public void setUserId(String userId) {
        this.userId = userId;
    }

    /** Returns the e-mail address. */
    public String getEmail() {
        return email;
    }

    /** Sets the e-mail address. */
    public void setEmail(String email) {
        this.email = email;
    }

    /** Returns the display name. */
    public String getName() {
        return name;
    }

    /** Sets the display name. */
    public void setName(String name) {
        this.name = name;
    }
}
