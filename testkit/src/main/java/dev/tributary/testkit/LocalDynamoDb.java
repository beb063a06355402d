package dev.tributary.testkit;

import dev.tributary.testkit.internal.ChildProcess;
import dev.tributary.testkit.internal.ContainerPeer;
import dev.tributary.testkit.internal.Containers;
import dev.tributary.testkit.internal.JvmShared;
import dev.tributary.testkit.internal.MavenClasspath;
import dev.tributary.testkit.internal.Ports;
import dev.tributary.testkit.internal.RunningPeer;
import dev.tributary.testkit.internal.Tools;
import dev.tributary.testkit.internal.Versions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB Local (with Streams) in a child JVM, in memory, on a free loopback port.
 *
 * <p>Its jars, which bundle an old AWS SDK, are resolved from Maven and never join the test classpath. Use
 * {@link #shared()} for the JVM-wide instance (what {@link DynamoDbLocalExtension} hands out) or
 * {@link #start()} for a private one you close yourself. Thread-safe.
 *
 * <pre>{@code
 * @ExtendWith(DynamoDbLocalExtension.class)
 * class UsersIT {
 *     @Test
 *     void put_item_isStreamed(LocalDynamoDb dynamo) {
 *         DynamoDbClient client = ClientSettings.local(dynamo.endpoint())
 *                 .applyTo(DynamoDbClient.builder())
 *                 .build();
 *         // ...
 *     }
 * }
 * }</pre>
 */
public final class LocalDynamoDb implements AutoCloseable {
    private static final JvmShared<LocalDynamoDb> SHARED = new JvmShared<>(LocalDynamoDb::start);

    private final URI endpoint;
    private final RunningPeer peer;

    private LocalDynamoDb(URI endpoint, RunningPeer peer) {
        this.endpoint = endpoint;
        this.peer = peer;
    }

    /**
     * Returns the JVM-wide instance, starting it on first use; it stops when the JVM exits.
     *
     * @return the shared server
     */
    public static LocalDynamoDb shared() {
        return SHARED.get();
    }

    /**
     * Starts a new server (a container when Testcontainers is on the class path and a Docker engine answers, unless {@code -Dtributary.testkit.docker=false}).
     *
     * @return the running server; close it when done
     */
    public static LocalDynamoDb start() {
        if (Containers.enabled()) {
            ContainerPeer c = ContainerPeer.dynamoDb();
            return new LocalDynamoDb(URI.create("http://" + c.host() + ":" + c.port()), c);
        }
        List<Path> files = MavenClasspath.resolve(Versions.dynamoDbLocal());
        Path work = Tools.workDir("dynamodb-local");
        Path natives = copyNatives(files, work.resolve("native"));
        String classpath = MavenClasspath.join(
                files.stream().filter(f -> f.toString().endsWith(".jar")).toList());
        int port = Ports.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        List<String> cmd = new ArrayList<>(List.of(
                Tools.javaExecutable().toString(),
                "-Xmx512m",
                "-Djava.library.path=" + natives,
                "-cp",
                classpath,
                "com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
                "-inMemory",
                "-port",
                Integer.toString(port)));
        ChildProcess p = ChildProcess.start(
                "dynamodb-local", cmd, Map.of(), work, Duration.ofSeconds(60), () -> Ports.httpAnswers(endpoint));
        return new LocalDynamoDb(endpoint, p);
    }

    /** Returns the endpoint to pass to {@code endpointOverride}. */
    public URI endpoint() {
        return endpoint;
    }

    /** Stops the server. Closing the shared instance is ignored: it stops with the JVM. */
    @Override
    public void close() {
        if (!SHARED.is(this)) {
            peer.close();
        }
    }

    private static Path copyNatives(List<Path> files, Path dir) {
        try {
            Files.createDirectories(dir);
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.endsWith(".so") || name.endsWith(".dylib") || name.endsWith(".dll")) {
                    Path target = dir.resolve(name);
                    // Never overwrite a library another peer process may have loaded; names carry the version.
                    if (!Files.exists(target) || Files.size(target) != Files.size(f)) {
                        Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not copy sqlite4java native libraries to " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "LocalDynamoDb[" + endpoint + "]";
    }
}
