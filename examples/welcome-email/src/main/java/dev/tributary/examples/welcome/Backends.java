package dev.tributary.examples.welcome;

import dev.tributary.core.ClientSettings;
import dev.tributary.testkit.LocalDynamoDb;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesAccount;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The DynamoDB and SES endpoints the example talks to: the ones named by {@code --dynamo-endpoint} and
 * {@code --ses-endpoint} (default credential and region chains), or DynamoDB Local and the SES emulator started
 * in-process from the test kit (the embedded default). Closes the clients and the servers it started.
 */
public final class Backends implements AutoCloseable {
    private static final Duration API_TIMEOUT = Duration.ofSeconds(10);

    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private final DynamoDbClient dynamo;
    private final DynamoDbStreamsClient streams;
    private final ClientSettings sesSettings;
    private final @Nullable LocalSes localSes;

    private Backends(ClientSettings dynamoSettings, ClientSettings sesSettings, @Nullable LocalSes localSes) {
        this.dynamo = dynamoSettings.applyTo(DynamoDbClient.builder()).httpClient(UrlConnectionHttpClient.create()).build();
        this.streams = dynamoSettings.applyTo(DynamoDbStreamsClient.builder())
                .httpClient(UrlConnectionHttpClient.create()).build();
        this.sesSettings = sesSettings;
        this.localSes = localSes;
        owned.push(dynamo);
        owned.push(streams);
    }

    /**
     * Connects to the endpoints in the flags, starting local servers for those not given.
     *
     * @param flags the command line
     * @return the backends; close them
     */
    public static Backends open(Options flags) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        ClientSettings dynamoSettings;
        ClientSettings sesSettings;
        LocalSes ses = null;
        if (flags.dynamoEndpoint != null) {
            dynamoSettings = real(flags.dynamoEndpoint);
        } else {
            System.err.println("Starting DynamoDB Local (embedded default) ...");
            LocalDynamoDb local = LocalDynamoDb.start();
            started.push(local);
            dynamoSettings = ClientSettings.local(local.endpoint());
        }
        if (flags.sesEndpoint != null) {
            sesSettings = real(flags.sesEndpoint);
        } else {
            System.err.println("Starting the SES emulator (embedded default) ...");
            ses = LocalSes.start(SesAccount.defaults());
            started.push(ses);
            sesSettings = ClientSettings.local(ses.endpoint());
        }
        Backends b = new Backends(dynamoSettings.toBuilder().apiCallTimeout(API_TIMEOUT).build(),
                sesSettings.toBuilder().apiCallTimeout(API_TIMEOUT).build(), ses);
        while (!started.isEmpty()) {
            b.owned.addLast(started.pop());
        }
        return b;
    }

    /** Uses servers someone else started (tests): nothing but the clients is closed. */
    public static Backends of(LocalDynamoDb dynamo, LocalSes ses) {
        return new Backends(ClientSettings.local(dynamo.endpoint()).toBuilder().apiCallTimeout(API_TIMEOUT).build(),
                ClientSettings.local(ses.endpoint()).toBuilder().apiCallTimeout(API_TIMEOUT).build(), ses);
    }

    private static ClientSettings real(String endpoint) {
        return ClientSettings.builder().endpointOverride(URI.create(endpoint)).build();
    }

    /** Returns the DynamoDB client. */
    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** Returns the DynamoDB Streams client. */
    public DynamoDbStreamsClient streams() {
        return streams;
    }

    /** Returns the settings for the SES client the mailer builds. */
    public ClientSettings sesSettings() {
        return sesSettings;
    }

    /** Returns the SES emulator when it is the one in use (its store can be read back). */
    public Optional<LocalSes> localSes() {
        return Optional.ofNullable(localSes);
    }

    /** Closes the clients, then stops the servers started here. */
    @Override
    public void close() {
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                System.err.println("Could not close " + e.getClass().getSimpleName());
            }
        }
    }
}
