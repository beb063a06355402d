package dev.tributary.examples.welcome;

import dev.tributary.core.ChangeEvent;
import dev.tributary.core.ChangeHandler;
import dev.tributary.core.ChangeType;
import dev.tributary.dynamo.ChangeCapture;
import dev.tributary.dynamo.DynamoDbCheckpointStore;
import dev.tributary.dynamo.DynamoDbIdempotencyLedger;
import dev.tributary.dynamo.IdempotentHandler;
import dev.tributary.dynamo.StreamTables;
import dev.tributary.dynamo.TableDefinition;
import dev.tributary.ses.SesMailer;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.SendResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * "User registered -> welcome e-mail": users are items of a table with a stream; a {@link ChangeCapture} reads
 * the stream and an {@link IdempotentHandler} over a {@link DynamoDbIdempotencyLedger} sends one welcome mail
 * per user id, however often the stream is delivered. Thread-safe; the clients and mailer are the caller's.
 */
public final class Welcome {
    private static final Logger LOG = LoggerFactory.getLogger(Welcome.class);

    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final SesMailer mailer;
    private final String table;
    private final String from;
    private final DynamoDbIdempotencyLedger ledger;
    private final DynamoDbCheckpointStore checkpoints;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger inserts = new AtomicInteger();
    private volatile String streamArn = "";

    /**
     * Creates the flow; tables are made by {@link #ensureTables()}.
     *
     * @param dynamo the DynamoDB client
     * @param streams the DynamoDB Streams client
     * @param mailer the mailer (with the sender-domain guard in its options)
     * @param table the users table, such as {@code users}
     * @param from the sender address, in the guarded domain
     */
    public Welcome(DynamoDbClient dynamo, DynamoDbStreamsClient streams, SesMailer mailer, String table, String from) {
        this.dynamo = dynamo;
        this.streams = streams;
        this.mailer = mailer;
        this.table = table;
        this.from = from;
        this.ledger = DynamoDbIdempotencyLedger.builder().client(dynamo).tableName(table + "-idempotency").build();
        this.checkpoints = DynamoDbCheckpointStore.create(dynamo, table + "-checkpoints");
    }

    /** Creates the users table with a stream (NEW_AND_OLD_IMAGES), the ledger and the checkpoint table. */
    public void ensureTables() {
        streamArn = StreamTables.ensureTable(dynamo, TableDefinition.builder().tableName(table)
                .hashKey("userId", ScalarAttributeType.S).build());
        ledger.createTableIfMissing();
        checkpoints.createTableIfMissing();
    }

    /** Returns the user id for an address: a hash, so ids (which are logged) never show the address. */
    public static String userId(String email) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(
                    email.trim().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "u-" + HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Registers a user: inserts the item unless the user exists.
     *
     * @return the user id, or empty text when the user was already registered
     */
    public String register(String email, String name) {
        String id = userId(email);
        try {
            dynamo.putItem(b -> b.tableName(table).conditionExpression("attribute_not_exists(userId)").item(Map.of(
                    "userId", AttributeValue.fromS(id), "email", AttributeValue.fromS(email.trim()),
                    "name", AttributeValue.fromS(name))));
            return id;
        } catch (ConditionalCheckFailedException exists) {
            return "";
        }
    }

    /** Returns the handler chain: INSERT events -> once per user id -> one welcome mail. */
    ChangeHandler<Map<String, AttributeValue>> handler() {
        ChangeHandler<Map<String, AttributeValue>> send = ChangeHandler.forEach(this::sendWelcome);
        ChangeHandler<Map<String, AttributeValue>> once = IdempotentHandler.builder(send, ledger)
                .namespace("welcome-mail")
                .keyFunction(e -> String.valueOf(e.keys().get("userId")))
                .build();
        return batch -> {
            var news = batch.stream().filter(e -> e.type() == ChangeType.INSERT).toList();
            inserts.addAndGet(news.size());
            if (!news.isEmpty()) {
                once.handle(news);
            }
        };
    }

    private void sendWelcome(ChangeEvent<Map<String, AttributeValue>> event) {
        Map<String, AttributeValue> user = event.newImage().orElseThrow();
        String name = user.containsKey("name") ? user.get("name").s() : "there";
        SendResult r = mailer.send(Email.builder()
                .from(from)
                .to(user.get("email").s())
                .subject("Welcome, " + name + "!")
                .text("Hi " + name + ",\n\nthanks for signing up. Your account is ready.\n\n-- The Tributary team")
                .tag("flow", "welcome")
                .build());
        if (r.sent()) {
            sent.incrementAndGet();
        }
        LOG.debug("Welcome mail handled [userId={}, sent={}]", event.keys().get("userId"), r.sent());
    }

    /**
     * Builds (does not start) a capture of the users stream that sends welcome mails.
     *
     * @param consumerName the consumer; checkpoints are per consumer, so a new name replays the whole stream
     */
    public ChangeCapture<Map<String, AttributeValue>> capture(String consumerName) {
        return ChangeCapture.raw().streamsClient(streams).dynamoDbClient(dynamo).streamArn(streamArn)
                .consumerName(consumerName).checkpointStore(checkpoints)
                .polling(Duration.ofMillis(50), Duration.ofMillis(500))
                .handler("welcome-mail", handler())
                .build();
    }

    /** Returns how many welcome mails this process sent. */
    public int sent() {
        return sent.get();
    }

    /** Returns how many INSERT events this process was handed (including redeliveries). */
    public int inserts() {
        return inserts.get();
    }
}
