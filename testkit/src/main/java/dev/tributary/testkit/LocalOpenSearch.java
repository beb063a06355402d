package dev.tributary.testkit;

import dev.tributary.testkit.internal.ChildProcess;
import dev.tributary.testkit.internal.ContainerPeer;
import dev.tributary.testkit.internal.Containers;
import dev.tributary.testkit.internal.JvmShared;
import dev.tributary.testkit.internal.OpenSearchNodes;
import dev.tributary.testkit.internal.Ports;
import dev.tributary.testkit.internal.RunningPeer;
import dev.tributary.testkit.internal.Tools;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    private static final JvmShared<LocalOpenSearch> SHARED = new JvmShared<>(LocalOpenSearch::start);

    private final URI url;
    private final RunningPeer peer;
    private final @Nullable Path dataDir;

    private LocalOpenSearch(URI url, RunningPeer peer, @Nullable Path dataDir) {
        this.url = url;
        this.peer = peer;
        this.dataDir = dataDir;
    }

    /**
     * Returns the JVM-wide node, starting it on first use; it stops when the JVM exits.
     *
     * @return the shared node
     */
    public static LocalOpenSearch shared() {
        return SHARED.get();
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
            return new LocalOpenSearch(URI.create("http://" + c.host() + ":" + c.port()), c, null);
        }
        List<Path> jars = OpenSearchNodes.runnerJars();
        int httpPort = Ports.freePort();
        Path work = Tools.workDir("opensearch");
        Path dataDir = OpenSearchNodes.createDataDir(work);
        URI url = URI.create("http://127.0.0.1:" + httpPort);
        List<String> cmd = OpenSearchNodes.command(jars, httpPort, Ports.freePort(), dataDir, "tributary-test");
        nodeSettings.forEach((k, v) -> cmd.add(k + "=" + v));
        ChildProcess p = ChildProcess.start("opensearch", cmd, Map.of(), work, Duration.ofSeconds(180),
                () -> Ports.httpAnswers(url.resolve("/_cluster/health")));
        return new LocalOpenSearch(url, p, dataDir);
    }

    /** Returns the node's HTTP base URL, for example {@code http://127.0.0.1:41234}. */
    public URI url() {
        return url;
    }

    /** Stops the node and deletes its data. Closing the shared node is ignored: it stops with the JVM. */
    @Override
    public void close() {
        if (SHARED.is(this)) {
            return;
        }
        peer.close();
        if (dataDir != null) {
            OpenSearchNodes.deleteQuietly(dataDir);
        }
    }

    @Override
    public String toString() {
        return "LocalOpenSearch[" + url + "]";
    }
}
