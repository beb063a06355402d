package dev.tributary.testkit.internal;

import java.time.Duration;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** A peer in a Docker container; only loaded when {@link Containers#enabled()} is true. */
public final class ContainerPeer implements RunningPeer {
    /** Pinned images, matching the embedded versions. */
    public static final String DYNAMODB_IMAGE = "amazon/dynamodb-local:2.6.1";
    /** Pinned OpenSearch image with the security plugin disabled below. */
    public static final String OPENSEARCH_IMAGE = "opensearchproject/opensearch:2.19.1";

    private final GenericContainer<?> container;
    private final int containerPort;

    private ContainerPeer(GenericContainer<?> container, int containerPort) {
        this.container = container;
        this.containerPort = containerPort;
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Starts DynamoDB Local in a container. */
    @SuppressWarnings("resource")
    public static ContainerPeer dynamoDb() {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(DYNAMODB_IMAGE))
                .withCommand("-jar", "DynamoDBLocal.jar", "-inMemory")
                .withExposedPorts(8000)
                .waitingFor(Wait.forListeningPort());
        c.start();
        return new ContainerPeer(c, 8000);
    }

    /** Starts a single-node OpenSearch without the security plugin in a container. */
    @SuppressWarnings("resource")
    public static ContainerPeer openSearch() {
        GenericContainer<?> c = new GenericContainer<>(DockerImageName.parse(OPENSEARCH_IMAGE))
                .withEnv(Map.of(
                        "discovery.type", "single-node",
                        "DISABLE_SECURITY_PLUGIN", "true",
                        "OPENSEARCH_JAVA_OPTS", "-Xms512m -Xmx1g"))
                .withExposedPorts(9200)
                .waitingFor(Wait.forHttp("/_cluster/health").forPort(9200).withStartupTimeout(Duration.ofMinutes(3)));
        c.start();
        return new ContainerPeer(c, 9200);
    }

    /** Returns the host port mapped to the service port. */
    public int port() {
        return container.getMappedPort(containerPort);
    }

    /** Returns the host the port is reachable on. */
    public String host() {
        return container.getHost();
    }

    @Override
    public void close() {
        container.stop();
    }
}
