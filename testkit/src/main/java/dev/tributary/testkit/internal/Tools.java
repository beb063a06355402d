package dev.tributary.testkit.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds executables and project folders, failing with the command that installs what is missing. */
public final class Tools {
    private Tools() {}

    /** Returns the executable {@code name} from PATH (or well-known sbin folders), if present. */
    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin" + File.pathSeparator
                + "/sbin" + File.pathSeparator + "/usr/local/sbin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the executable or throws naming it and the install command.
     *
     * @throws IllegalStateException when it is not installed
     */
    public static Path require(String name, String installCommand) {
        return find(name).orElseThrow(() -> new IllegalStateException(
                "The test kit needs '" + name + "', which is not on the PATH. Install it with: " + installCommand));
    }

    /** Returns the java executable of the running JVM, used for child JVMs. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Finds {@code relative} in the project root given by {@code tributary.project.root} or in the working
     * directory and its parents.
     */
    public static Optional<Path> findUpwards(String relative) {
        String root = System.getProperty("tributary.project.root");
        if (root != null && Files.exists(Path.of(root, relative))) {
            return Optional.of(Path.of(root, relative).toAbsolutePath());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Returns the folder the test kit keeps peer state in (logs, native libraries, data). */
    public static Path workDir(String peer) {
        return Path.of(System.getProperty("java.io.tmpdir"), "tributary-testkit", peer);
    }
}
