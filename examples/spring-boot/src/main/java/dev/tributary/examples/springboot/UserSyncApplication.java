package dev.tributary.examples.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small service on the Tributary starter: the {@code users} DynamoDB table is kept in sync with an OpenSearch
 * index, and every new user gets a welcome mail. All wiring comes from {@code application.properties} and the
 * two {@code ChangeHandler} beans in {@link UserSyncHandlers}.
 */
@SpringBootApplication
public class UserSyncApplication {
    /**
     * Runs the service.
     *
     * @param args Spring Boot arguments, such as {@code --tributary.dynamo.capture.table-name=users}
     */
    public static void main(String[] args) {
        SpringApplication.run(UserSyncApplication.class, args);
    }
}
