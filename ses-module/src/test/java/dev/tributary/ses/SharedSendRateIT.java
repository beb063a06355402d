package dev.tributary.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.ClientSettings;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesEmulatorExtension;
import dev.tributary.ses.model.Email;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The shared schedule on DynamoDB Local: slots from several holders never overlap; full means wait or refuse. */
@ExtendWith({DynamoDbLocalExtension.class, SesEmulatorExtension.class})
class SharedSendRateIT {
    private static DynamoDbClient ddb;
    private static String table;

    @BeforeAll
    static void createTable() {
        ddb = ClientSettings.local(LocalDynamoDb.shared().endpoint()).toBuilder()
                .apiCallTimeout(Duration.ofSeconds(10)).build()
                .applyTo(DynamoDbClient.builder()).httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        table = "shared-rate-" + UUID.randomUUID();
        SharedSendRate.createTable(ddb, table);
    }

    @AfterAll
    static void dropTable() {
        ddb.deleteTable(b -> b.tableName(table));
        ddb.close();
    }

    private record Slot(Instant start, int permits) {}

    @Test
    void reserve_twoHoldersEightThreads_slotsNeverOverlap() throws Exception {
        double rate = 200;
        String key = "overlap-" + UUID.randomUUID();
        List<SharedSendRate> holders = List.of(SharedSendRate.dynamoDb(ddb, table).key(key).build(),
                SharedSendRate.dynamoDb(ddb, table).key(key).build());
        List<Slot> slots = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            SharedSendRate holder = holders.get(t % 2);
            int permits = 1 + t % 3;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    slots.add(new Slot(holder.reserve(permits, rate, Duration.ofSeconds(30)), permits));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        List<Slot> sorted = new ArrayList<>(slots);
        sorted.sort(Comparator.comparing(Slot::start));
        long intervalMicros = 5_000;
        for (int i = 1; i < sorted.size(); i++) {
            Slot prev = sorted.get(i - 1);
            assertThat(sorted.get(i).start())
                    .as("slot %d starts after slot %d ends", i, i - 1)
                    .isAfterOrEqualTo(prev.start().plusNanos(prev.permits() * intervalMicros * 1_000));
        }
        assertThat(sorted).hasSize(8 * 15);
    }

    @Test
    void reserve_afterIdle_startsNowWithoutSavedUpBurst() throws Exception {
        SharedSendRate shared = SharedSendRate.dynamoDb(ddb, table).key("idle-" + UUID.randomUUID()).build();
        shared.reserve(1, 10, Duration.ofSeconds(5));
        Thread.sleep(300);

        Instant before = Instant.now();
        Instant first = shared.reserve(1, 10, Duration.ofSeconds(5));
        Instant second = shared.reserve(1, 10, Duration.ofSeconds(5));

        assertThat(first).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(second).isAfterOrEqualTo(first.plusMillis(100));
    }

    @Test
    void reserve_scheduleFullBeyondMaxWait_refusesRateLimited() {
        SharedSendRate shared = SharedSendRate.dynamoDb(ddb, table).key("full-" + UUID.randomUUID())
                .reserveAhead(Duration.ofSeconds(2)).build();
        shared.reserve(1, 1, Duration.ofSeconds(5));
        shared.reserve(1, 1, Duration.ofSeconds(5));

        assertThatThrownBy(() -> shared.reserve(1, 1, Duration.ofMillis(200)))
                .isInstanceOfSatisfying(TributaryRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(TributaryRejectedException.Reason.RATE_LIMITED));
    }

    @Test
    void reserve_tableMissing_refusesBeforeSending() {
        SharedSendRate shared = SharedSendRate.dynamoDb(ddb, "no-such-table-" + UUID.randomUUID()).build();

        assertThatThrownBy(() -> shared.reserve(1, 10, Duration.ofSeconds(1)))
                .isInstanceOf(TributaryRejectedException.class).hasMessageContaining("could not be written");
    }

    @Test
    void sendAsync_withSharedRate_takesItsSlotsFromTheTable(LocalSes ses) throws Exception {
        String key = "async-" + UUID.randomUUID();
        SesOptions options = SesOptions.builder().quotaAware(false).maxSendRate(10)
                .sharedSendRate(SharedSendRate.dynamoDb(ddb, table).key(key).build()).build();
        Instant before = Instant.now();
        try (SesAsyncMailer mailer = SesAsyncMailer.builder().clientSettings(SesMailerIT.settings(ses))
                .options(options).build()) {
            for (int i = 0; i < 3; i++) {
                mailer.send(Email.builder().from("shop@example.com").to("a" + i + "@example.com").subject("s")
                        .text("t").build()).get(30, TimeUnit.SECONDS);
            }
        }

        Map<String, AttributeValue> item = ddb.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS(key)))).item();
        long tatMicros = Long.parseLong(item.get("tat").n());
        // Three slots of 100 ms each were handed out from the table, the first no earlier than the first send.
        assertThat(tatMicros).isGreaterThanOrEqualTo((before.toEpochMilli() + 300) * 1_000);
    }

    @Test
    void options_sharedRateWithoutAnyRate_isRejectedAtBuild() {
        SharedSendRate shared = SharedSendRate.dynamoDb(ddb, table).build();

        assertThatThrownBy(() -> SesOptions.builder().quotaAware(false).sharedSendRate(shared).build())
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("sharedSendRate");
        assertThatThrownBy(() -> SharedSendRate.dynamoDb(ddb, "x").build())
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("tableName");
    }
}
