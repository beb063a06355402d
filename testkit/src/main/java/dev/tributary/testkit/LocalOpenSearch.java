package dev.tributary.testkit;

import dev.tributary.testkit.internal.ChildProcess;
import dev.tributary.testkit.internal.ContainerPeer;
import dev.tributary.testkit.internal.Containers;
import dev.tributary.testkit.internal.MavenClasspath;
import dev.tributary.testkit.internal.OpenSearchNodeMain;
import dev.tributary.testkit.internal.Ports;
import dev.tributary.testkit.internal.Tools;
import dev.tributary.testkit.internal.Versions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A real single-node OpenSearch 2.x cluster in a child JVM (HTTP on a free loopback port, no security plugin,
 * the analysis-common, reindex, painless and other standard modules loaded).
 *
 * <p>The node's jars are resolved from Maven and never join the test classpath. Use {@link #shared()} for
 * the JVM-wide node ({@link OpenSearchExtension} hands it out) or {@link #start()} for a private one.
 * Starting takes a few seconds and about 600 MB of memory. Thread-safe.
 *
 * <pre>{@code
 * @ExtendWith(OpenSearchExtension.class)
 * class ProductSearchIT {
 *     @Test
 *     void search_partialWords_matches(LocalOpenSearch node) {
 *         URI url = node.url(); // http://127.0.0.1:<port>
 *     }
 * }
 * }</pre>
 */
public final class LocalOpenSearch implements AutoCloseable {
    private static @Nullable LocalOpenSearch shared;

    private final URI url;
    private final @Nullable ChildProcess process;
    private final @Nullable ContainerPeer container;
    private final @Nullable Path dataDir;

    private LocalOpenSearch(URI url, @Nullable ChildProcess process, @Nullable ContainerPeer container,
            @Nullable Path dataDir) {
        this.url = url;
        this.process = process;
        this.container = container;
        this.dataDir = dataDir;
    }

    /**
     * Returns the JVM-wide node, starting it on first use; it stops when the JVM exits.
     *
     * @return the shared node
     */
    public static synchronized LocalOpenSearch shared() {
        if (shared == null) {
            shared = start();
        }
        return shared;
    }

    /**
     * Starts a new node (a container when Testcontainers is on the class path and a Docker engine answers, unless {@code -Dtributary.testkit.docker=false}).
     *
     * @return the running node; close it when done
     */
    public static LocalOpenSearch start() {
        return start(Map.of());
    }

    /**
     * Starts a new embedded node with extra node settings, for example
     * {@code Map.of("thread_pool.write.queue_size", "2")} to provoke 429 rejections. Always embedded.
     *
     * @param nodeSettings settings applied to the node
     * @return the running node; close it when done
     */
    public static LocalOpenSearch start(Map<String, String> nodeSettings) {
        if (nodeSettings.isEmpty() && Containers.enabled()) {
            ContainerPeer c = ContainerPeer.openSearch();
            return new LocalOpenSearch(URI.create("http://" + c.host() + ":" + c.port()), null, c, null);
        }
        List<Path> files = new ArrayList<>(MavenClasspath.resolve(Versions.openSearchRunner()));
        files.add(ownCodeLocation());
        String classpath = files.stream()
                .filter(f -> !f.toString().endsWith(".pom"))
                .map(Path::toString)
                .reduce((a, b) -> a + File.pathSeparator + b)
                .orElseThrow();
        int httpPort = Ports.freePort();
        int transportPort = Ports.freePort();
        Path work = Tools.workDir("opensearch");
        Path dataDir;
        try {
            Files.createDirectories(work);
            dataDir = Files.createTempDirectory(work, "node-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the OpenSearch data folder under " + work, e);
        }
        URI url = URI.create("http://127.0.0.1:" + httpPort);
        List<String> cmd = new ArrayList<>(List.of(
                Tools.javaExecutable().toString(),
                "-Xms512m",
                "-Xmx1g",
                "-XX:+UseG1GC",
                "-Dlog4j2.disable.jmx=true",
                "-Djava.awt.headless=true",
                "-cp",
                classpath,
                OpenSearchNodeMain.class.getName(),
                Integer.toString(httpPort),
                Integer.toString(transportPort),
                dataDir.toString(),
                "tributary-test"));
        nodeSettings.forEach((k, v) -> cmd.add(k + "=" + v));
        ChildProcess p = ChildProcess.start("opensearch", cmd, Map.of(), work, Duration.ofSeconds(180),
                () -> Ports.httpAnswers(url.resolve("/_cluster/health")));
        return new LocalOpenSearch(url, p, null, dataDir);
    }

    /** Returns the node's HTTP base URL, for example {@code http://127.0.0.1:41234}. */
    public URI url() {
        return url;
    }

    /** Stops the node and deletes its data. Closing the shared node is ignored: it stops with the JVM. */
    @Override
    public void close() {
        synchronized (LocalOpenSearch.class) {
            if (this == shared) {
                return;
            }
        }
        if (process != null) {
            process.close();
        }
        if (container != null) {
            container.close();
        }
        if (dataDir != null) {
            deleteQuietly(dataDir);
        }
    }

    private static Path ownCodeLocation() {
        try {
            return Path.of(OpenSearchNodeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the test kit's own classes", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort: the folder lives under java.io.tmpdir.
        }
    }

    @Override
    public String toString() {
        return "LocalOpenSearch[" + url + "]";
    }
}
