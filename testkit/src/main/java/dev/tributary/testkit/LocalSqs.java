package dev.tributary.testkit;

import dev.tributary.testkit.internal.JvmShared;
import dev.tributary.testkit.internal.Ports;
import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * An SQS-compatible server (ElasticMQ, embedded in this JVM) on a free loopback port: queues, long polling,
 * visibility timeouts, receive counts and redrive policies to a dead-letter queue behave as on SQS, over
 * SQS's JSON and query protocols.
 *
 * <p>Needs {@code org.elasticmq:elasticmq-rest-sqs_2.13} on the test classpath (an optional dependency of the
 * test kit: add it with test scope); it brings Scala 2.13 and Apache Pekko but no Jackson. Queues live in
 * memory; give each test its own queue names. Use {@link #shared()} for the JVM-wide instance (what
 * {@link LocalSqsExtension} hands out) or {@link #start()} for a private one you close yourself. Thread-safe.
 *
 * <pre>{@code
 * @ExtendWith(LocalSqsExtension.class)
 * class EventsIT {
 *     @Test
 *     void consume_bounce_isDeleted(LocalSqs sqs) {
 *         SqsClient client = ClientSettings.local(sqs.endpoint()).applyTo(SqsClient.builder()).build();
 *         String queue = client.createQueue(b -> b.queueName("events-" + UUID.randomUUID())).queueUrl();
 *         // ...
 *     }
 * }
 * }</pre>
 */
public final class LocalSqs implements AutoCloseable {
    private static final JvmShared<LocalSqs> SHARED = new JvmShared<>(() -> {
        LocalSqs s = start();
        // In-JVM server: nothing else stops it when the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(s::stop, "tributary-testkit-stop-sqs"));
        return s;
    });

    private final URI endpoint;
    private final SQSRestServer server;

    private LocalSqs(URI endpoint, SQSRestServer server) {
        this.endpoint = endpoint;
        this.server = server;
    }

    /**
     * Returns the JVM-wide server, starting it on first use; it stops when the JVM exits.
     *
     * @return the shared server
     */
    public static LocalSqs shared() {
        return SHARED.get();
    }

    /**
     * Starts a new server.
     *
     * @return the running server; close it when done
     * @throws IllegalStateException naming the dependency to add when ElasticMQ is not on the classpath
     */
    public static LocalSqs start() {
        try {
            Class.forName("org.elasticmq.rest.sqs.SQSRestServerBuilder");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("LocalSqs needs ElasticMQ on the test classpath: add the test-scoped"
                    + " dependency org.elasticmq:elasticmq-rest-sqs_2.13 (the version the test kit's parent pom"
                    + " manages)", e);
        }
        int port = Ports.freePort();
        SQSRestServer server = SQSRestServerBuilder
                .withInterface("127.0.0.1")
                .withPort(port)
                // Queue URLs name this address, so clients that follow them reach this server.
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .start();
        server.waitUntilStarted();
        return new LocalSqs(URI.create("http://127.0.0.1:" + port), server);
    }

    /** Returns the endpoint to pass to an {@code SqsClient}'s {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Stops the server. Closing the shared instance is ignored: it stops with the JVM. */
    @Override
    public void close() {
        if (!SHARED.is(this)) {
            stop();
        }
    }

    private void stop() {
        server.stopAndWait();
    }

    @Override
    public String toString() {
        return "LocalSqs[" + endpoint + "]";
    }
}
