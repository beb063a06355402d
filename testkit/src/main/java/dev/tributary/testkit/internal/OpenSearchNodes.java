package dev.tributary.testkit.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the plain and the secured local OpenSearch node share: the runner's jars, the child JVM's command line
 * (running {@link OpenSearchNodeMain}) and the node's data folder.
 */
public final class OpenSearchNodes {
    private OpenSearchNodes() {}

    /** Returns the OpenSearch runner's jars with their dependencies (resolved by {@link MavenClasspath}). */
    public static List<Path> runnerJars() {
        return MavenClasspath.resolve(Versions.openSearchRunner()).stream()
                .filter(f -> !f.toString().endsWith(".pom"))
                .toList();
    }

    /**
     * Creates a fresh data folder for one node under {@code work}.
     *
     * @throws UncheckedIOException naming the folder when it cannot be created
     */
    public static Path createDataDir(Path work) {
        try {
            Files.createDirectories(work);
            return Files.createTempDirectory(work, "node-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the OpenSearch data folder under " + work, e);
        }
    }

    /**
     * Returns the command that runs one node in a child JVM; append {@code key=value} node settings to it.
     *
     * @param runnerJars from {@link #runnerJars()}
     * @param httpPort the node's HTTP port
     * @param transportPort the node's transport port
     * @param dataDir from {@link #createDataDir(Path)}
     * @param clusterName the cluster's name
     * @return a mutable list
     */
    public static List<String> command(
            List<Path> runnerJars, int httpPort, int transportPort, Path dataDir, String clusterName) {
        List<Path> classpath = new ArrayList<>(runnerJars);
        classpath.add(ownCodeLocation());
        return new ArrayList<>(List.of(
                Tools.javaExecutable().toString(),
                "-Xms512m",
                "-Xmx1g",
                "-XX:+UseG1GC",
                "-Dlog4j2.disable.jmx=true",
                "-Djava.awt.headless=true",
                "-cp",
                MavenClasspath.join(classpath),
                OpenSearchNodeMain.class.getName(),
                Integer.toString(httpPort),
                Integer.toString(transportPort),
                dataDir.toString(),
                clusterName));
    }

    /** Deletes a node's data folder, best effort: it lives under {@code java.io.tmpdir}. */
    public static void deleteQuietly(Path dataDir) {
        try (Stream<Path> walk = Files.walk(dataDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // Best effort, as documented.
        }
    }

    private static Path ownCodeLocation() {
        try {
            return Path.of(OpenSearchNodeMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the test kit's own classes", e);
        }
    }
}
