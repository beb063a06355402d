package dev.tributary.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the pinned SES emulator into a per-user cache on first use, so the test kit works in any project
 * and on a fresh clone, not only where {@code tools/ses-emulator/node_modules} was installed by hand.
 *
 * <p>The test kit jar carries {@code tools/ses-emulator}'s {@code package.json}, {@code package-lock.json} and our
 * extensions. They are copied into {@code <cache>/ses-emulator/<version>-<hash>} and installed with
 * {@code npm ci}, which installs exactly the lock file's tree and fails unless every package matches the lock
 * file's {@code integrity} hash; {@code --ignore-scripts} keeps package scripts from running. The folder name
 * carries a hash of those files, so an installed folder never changes afterwards and JVMs of different test kit
 * versions do not fight over it. A marker file written last says the install completed; a file lock makes two
 * JVMs that start at once install it once.
 *
 * <p>The cache is {@code -Dtributary.testkit.cache}, else the environment variable
 * {@code TRIBUTARY_TESTKIT_CACHE}, else {@code $XDG_CACHE_HOME/tributary}, else {@code ~/.cache/tributary}.
 */
public final class SesEmulatorInstall {
    /** The system property naming the test kit's cache folder. */
    public static final String CACHE_PROPERTY = "tributary.testkit.cache";
    /** The environment variable naming the test kit's cache folder. */
    public static final String CACHE_ENV = "TRIBUTARY_TESTKIT_CACHE";
    static final String CLI = "node_modules/aws-ses-v2-local/dist/cli.js";

    private static final Logger LOG = LoggerFactory.getLogger(SesEmulatorInstall.class);
    private static final String RESOURCES = "/dev/tributary/testkit/ses-emulator/";
    private static final String MARKER = ".tributary-installed";
    private static final Duration LOCK_WAIT = Duration.ofMinutes(6);
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(5);

    private SesEmulatorInstall() {}

    /** The emulator's entry point and the extensions script to preload with {@code node -r}. */
    public record Installed(Path cli, Path extensions) {}

    /**
     * Returns the emulator in the default cache, installing it first if needed.
     *
     * @throws IllegalStateException naming what to install when npm is missing, or with npm's output when it fails
     */
    public static Installed ensureInstalled() {
        return ensureInstalled(cacheRoot(System.getProperty(CACHE_PROPERTY), System.getenv()));
    }

    /**
     * Returns the emulator under {@code cacheRoot}, installing it first if needed.
     *
     * @throws IllegalStateException naming what to install when npm is missing, or with npm's output when it fails
     */
    public static Installed ensureInstalled(Path cacheRoot) {
        return ensureInstalled(cacheRoot, readResources());
    }

    /** Installs {@code files} (relative name to content, as from {@link #readResources()}) under {@code cacheRoot}. */
    static synchronized Installed ensureInstalled(Path cacheRoot, Map<String, byte[]> files) {
        Path dir = cacheRoot.resolve("ses-emulator").resolve(folderName(files));
        Installed installed = new Installed(dir.resolve(CLI), dir.resolve("extensions.js"));
        if (Files.exists(dir.resolve(MARKER))) {
            return installed;
        }
        try {
            Files.createDirectories(dir.getParent());
            try (FileChannel channel = FileChannel.open(dir.resolveSibling(dir.getFileName() + ".lock"),
                            StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = awaitLock(channel)) {
                if (!Files.exists(dir.resolve(MARKER))) {
                    install(dir, files);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not install the SES emulator into " + dir + ": " + e.getMessage()
                    + ". Set -D" + CACHE_PROPERTY + " or " + CACHE_ENV + " to a writable folder.", e);
        }
        return installed;
    }

    /** Returns the cache root from the property, then the environment ({@code CACHE_ENV}, XDG, HOME). */
    static Path cacheRoot(@Nullable String property, Map<String, String> env) {
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String configured = env.get(CACHE_ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg, "tributary");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "tributary");
    }

    /** Returns {@code <version>-<hash>}: the pinned version for people, the hash so that contents never change. */
    static String folderName(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String name : new TreeSet<>(files.keySet())) {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(files.get(name));
                sha.update((byte) 0);
            }
            String version = Versions.sesEmulator().replaceFirst("^.*@", "");
            return version + "-" + HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-256", e);
        }
    }

    /**
     * Returns the files of {@code tools/ses-emulator} that the jar carries (package.json, the lock file, every
     * extension), by relative name, read from the class path folder or jar, so a new extension needs no change here.
     */
    static Map<String, byte[]> readResources() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (String name : shippedFiles()) {
            try (InputStream in = SesEmulatorInstall.class.getResourceAsStream(RESOURCES + name)) {
                if (in == null) {
                    throw new IllegalStateException("The test kit jar lacks " + RESOURCES + name
                            + "; rebuild tributary-testkit");
                }
                out.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * Synchronized: two installs in one JVM would otherwise share the jar's zip file system while one of them
     * closes it (ClosedFileSystemException).
     */
    static synchronized List<String> shippedFiles() {
        URL anchor = SesEmulatorInstall.class.getResource(RESOURCES + "package-lock.json");
        if (anchor == null) {
            throw new IllegalStateException("The test kit jar lacks " + RESOURCES + "package-lock.json; rebuild"
                    + " tributary-testkit");
        }
        try {
            URI uri = anchor.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return list(Path.of(uri).getParent());
            }
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                return list(jar.provider().getPath(uri).getParent());
            } catch (FileSystemAlreadyExistsException open) {
                return list(FileSystems.getFileSystem(uri).provider().getPath(uri).getParent());
            }
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("Cannot list the SES emulator files in the test kit jar: " + e, e);
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile)
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    private static FileLock awaitLock(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        boolean logged = false;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Another process has been installing the SES emulator for over "
                        + LOCK_WAIT.toMinutes() + " minutes; if none is running, delete the .lock file beside "
                        + "the emulator folder in the test kit cache");
            }
            if (!logged) {
                LOG.debug("Waiting for another process installing the SES emulator");
                logged = true;
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private static void install(Path dir, Map<String, byte[]> files) throws IOException {
        Path npm = Tools.require("npm", "Node.js 20 with npm (Debian/Ubuntu: apt-get install nodejs npm); the test"
                + " kit runs 'npm ci' once to install the SES emulator into " + dir.getParent());
        deleteTree(dir);   // a previous attempt that died before the marker
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, f.getValue());
        }
        LOG.debug("Installing the SES emulator [dir={}]", dir);
        Path log = dir.resolve("npm-ci.log");
        List<String> command = new ArrayList<>(List.of(npm.toString(), "ci", "--ignore-scripts", "--no-audit",
                "--no-fund", "--loglevel=error"));
        Process p = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        int exit;
        try {
            if (!p.waitFor(NPM_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("'npm ci' did not finish within " + NPM_TIMEOUT.toMinutes()
                        + " minutes in " + dir + "; its output is in " + log);
            }
            exit = p.exitValue();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while installing the SES emulator", e);
        }
        if (exit != 0 || !Files.exists(dir.resolve(CLI))) {
            throw new IllegalStateException("'npm ci' failed (exit code " + exit + ") installing the SES emulator in "
                    + dir + " (it needs the npm registry, or your configured mirror, reachable). npm said:\n"
                    + tail(log));
        }
        Path marker = dir.resolve(MARKER);
        Path tmp = Files.createTempFile(dir, MARKER, ".tmp");
        Files.writeString(tmp, Versions.sesEmulator() + "\n");
        Files.move(tmp, marker, StandardCopyOption.ATOMIC_MOVE);
        LOG.debug("Installed the SES emulator [dir={}]", dir);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to install the SES emulator", e);
        }
    }
}
