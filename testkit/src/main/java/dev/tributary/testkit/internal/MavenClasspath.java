package dev.tributary.testkit.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.repository.internal.MavenRepositorySystemUtils;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.eclipse.aether.RepositoryException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.repository.LocalRepository;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.util.artifact.JavaScopes;
import org.eclipse.aether.util.filter.DependencyFilterUtils;

/**
 * Resolves a peer server's runtime classpath with Maven Resolver: from the local repository when present
 * (as after a Maven build), else from Maven Central. Keeps peers such as DynamoDB Local, which bundles its
 * own old AWS SDK, off the test classpath while needing no extra build step in host projects.
 */
public final class MavenClasspath {
    private static final String CENTRAL = "https://repo.maven.apache.org/maven2/";

    private MavenClasspath() {}

    /**
     * Returns the files of {@code coordinates} and its runtime dependencies, native libraries included.
     *
     * @param coordinates {@code groupId:artifactId:version}
     * @throws IllegalStateException naming the artifact and how to fetch it when resolution fails
     */
    public static List<Path> resolve(String coordinates) {
        return withSession(coordinates, "", (system, session, central) -> {
            CollectRequest collect = new CollectRequest(
                    new Dependency(new DefaultArtifact(coordinates), JavaScopes.RUNTIME), List.of(central));
            DependencyRequest request =
                    new DependencyRequest(collect, DependencyFilterUtils.classpathFilter(JavaScopes.RUNTIME));
            return system.resolveDependencies(session, request).getArtifactResults().stream()
                    .map(ArtifactResult::getArtifact)
                    .map(a -> a.getFile().toPath())
                    .toList();
        });
    }

    /**
     * Returns the file of one artifact without its dependencies, such as a plugin's zip distribution.
     *
     * @param coordinates {@code groupId:artifactId:extension:version}
     * @throws IllegalStateException naming the artifact and how to fetch it when resolution fails
     */
    public static Path resolveFile(String coordinates) {
        return withSession(coordinates, "-Dtransitive=false ", (system, session, central) -> {
            ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(coordinates), List.of(central), null);
            return system.resolveArtifact(session, request).getArtifact().getFile().toPath();
        });
    }

    /** Returns {@code files} as a class path string. */
    public static String join(List<Path> files) {
        return files.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    /** One resolution against the local repository and Central. */
    private interface Resolution<T> {
        T run(RepositorySystem system, RepositorySystemSession session, RemoteRepository central)
                throws RepositoryException;
    }

    private static <T> T withSession(String coordinates, String getFlags, Resolution<T> resolution) {
        RepositorySystem system = new RepositorySystemSupplier().get();
        try {
            DefaultRepositorySystemSession session = MavenRepositorySystemUtils.newSession();
            session.setSystemProperties(System.getProperties());
            session.setLocalRepositoryManager(
                    system.newLocalRepositoryManager(session, new LocalRepository(localRepository().toFile())));
            RemoteRepository central = new RemoteRepository.Builder(
                            "central", "default", System.getProperty("tributary.testkit.maven.remote", CENTRAL))
                    .build();
            return resolution.run(system, session, central);
        } catch (RepositoryException e) {
            throw new IllegalStateException("Could not resolve " + coordinates + " for a test peer (" + e.getMessage()
                    + "). Fetch it once with: mvn dependency:get " + getFlags + "-Dartifact=" + coordinates
                    + " , or point -Dmaven.repo.local at a repository that has it.", e);
        } finally {
            system.shutdown();
        }
    }

    /** Returns the local Maven repository: {@code -Dmaven.repo.local}, else {@code ~/.m2/repository}. */
    public static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".m2", "repository");
    }
}
