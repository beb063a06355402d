package dev.tributary.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ClientSettings;
import dev.tributary.dynamo.StreamTables;
import dev.tributary.dynamo.TableDefinition;
import dev.tributary.opensearch.SearchIndex;
import dev.tributary.spring.CaptureHealthIndicator;
import dev.tributary.spring.ChangeCaptureLifecycle;
import dev.tributary.spring.CircuitBreakersHealthIndicator;
import dev.tributary.testkit.LocalDynamoDb;
import dev.tributary.testkit.LocalOpenSearch;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.StoredEmail;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The whole service against the test kit's DynamoDB Local, OpenSearch node and SES emulator. */
@SpringBootTest
@DirtiesContext
class UserSyncApplicationIT {
    private static final String TABLE = "users-" + System.nanoTime();
    private static DynamoDbClient dynamo;

    @Autowired
    private SearchIndex<UserDocument> usersSearchIndex;
    @Autowired
    private ChangeCaptureLifecycle lifecycle;
    @Autowired
    private CaptureHealthIndicator captureHealth;
    @Autowired
    private CircuitBreakersHealthIndicator breakerHealth;
    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void localPeers(DynamicPropertyRegistry registry) {
        LocalDynamoDb local = LocalDynamoDb.shared();
        // The table exists before the service starts, as it would in production.
        dynamo = ClientSettings.local(local.endpoint()).applyTo(DynamoDbClient.builder())
                .httpClient(UrlConnectionHttpClient.create()).build();
        StreamTables.ensureTable(dynamo, TableDefinition.builder().tableName(TABLE)
                .hashKey("userId", ScalarAttributeType.S).noRangeKey().build());
        LocalSes.shared().clearStore();
        registry.add("tributary.aws.region", () -> "us-east-1");
        registry.add("tributary.aws.access-key-id", () -> "local");
        registry.add("tributary.aws.secret-access-key", () -> "local");
        registry.add("tributary.aws.api-call-timeout", () -> "10s");
        registry.add("tributary.ses.endpoint", () -> LocalSes.shared().endpoint().toString());
        registry.add("tributary.opensearch.urls", () -> LocalOpenSearch.shared().url().toString());
        registry.add("tributary.opensearch.aws-region", () -> "");
        registry.add("tributary.opensearch.indexes.users.name", () -> TABLE);
        registry.add("tributary.dynamo.capture.table-name", () -> TABLE);
        registry.add("tributary.dynamo.capture.endpoint", () -> local.endpoint().toString());
        registry.add("tributary.dynamo.capture.checkpoint-table", () -> TABLE + "-checkpoints");
        registry.add("tributary.dynamo.capture.poll-min", () -> "50ms");
        registry.add("tributary.dynamo.capture.poll-max", () -> "200ms");
    }

    @AfterAll
    static void dropTables() {
        dynamo.deleteTable(b -> b.tableName(TABLE));
        dynamo.deleteTable(b -> b.tableName(TABLE + "-checkpoints"));
        dynamo.close();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(condition.getAsBoolean()).as(what + " within 60 s").isTrue();
    }

    private static void putUser(String id, String email, String name) {
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("userId", AttributeValue.fromS(id),
                "email", AttributeValue.fromS(email), "name", AttributeValue.fromS(name))));
    }

    @Test
    void service_userInsertedChangedRemoved_indexFollowsAndOneWelcomeMailGoesOut() throws Exception {
        assertThat(lifecycle.isRunning()).isTrue();
        putUser("u1", "ann@example.com", "Ann");
        await("u1 indexed", () -> usersSearchIndex.get("u1").isPresent());
        await("welcome mail", () -> LocalSes.shared().emails().stream().anyMatch(e -> e.to().contains("ann@example.com")));

        putUser("u1", "ann@example.com", "Ann Lee");
        await("u1 renamed in the index", () -> usersSearchIndex.get("u1")
                .map(d -> d.source().name().equals("Ann Lee")).orElse(false));
        dynamo.deleteItem(b -> b.tableName(TABLE).key(Map.of("userId", AttributeValue.fromS("u1"))));
        await("u1 removed from the index", () -> usersSearchIndex.get("u1").isEmpty());

        StoredEmail mail = LocalSes.shared().emails().stream()
                .filter(e -> e.to().contains("ann@example.com")).findFirst().orElseThrow();
        assertThat(mail.subject()).isEqualTo("Welcome, Ann");
        assertThat(LocalSes.shared().emails()).as("only the INSERT sends").hasSize(1);
        assertThat(captureHealth.health().getStatus()).isEqualTo(Status.UP);
        assertThat(captureHealth.health().getDetails()).containsEntry("stoppedShards", 0);
        assertThat(breakerHealth.health().getStatus()).isEqualTo(Status.UP);
        assertThat(breakerHealth.health().getDetails()).containsKey("ses");
        assertThat(meters.get("tributary.capture.records").tag("consumer", "user-sync").counter().count())
                .isGreaterThanOrEqualTo(3);
        assertThat(meters.get("tributary.ses.sends").tag("operation", "SendEmail").timer().count()).isEqualTo(1);
        assertThat(meters.get("tributary.capture.shards.active").gauge().value()).isEqualTo(1);
        assertThat(meters.find("tributary.sdk.calls").tag("operation", "SendEmail").timer()).isNotNull();

        usersSearchIndex.drop();
        lifecycle.stop(); // what the context does on shutdown
        assertThat(lifecycle.isRunning()).isFalse();
        assertThat(captureHealth.health().getDetails()).containsEntry("activeShards", 0);
    }
}
