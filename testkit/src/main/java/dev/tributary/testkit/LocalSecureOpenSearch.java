package dev.tributary.testkit;

import dev.tributary.testkit.internal.ChildProcess;
import dev.tributary.testkit.internal.JvmShared;
import dev.tributary.testkit.internal.MavenClasspath;
import dev.tributary.testkit.internal.OpenSearchNodes;
import dev.tributary.testkit.internal.Ports;
import dev.tributary.testkit.internal.Tools;
import dev.tributary.testkit.internal.Versions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real single-node OpenSearch 2.x cluster with the OpenSearch security plugin: HTTPS only, with a server
 * certificate from a fresh {@link TestCertificates} CA, and the plugin's demo internal users (HTTP basic
 * authentication; {@link #username()} is the all-access {@code admin}).
 *
 * <p>Runs in a child JVM like {@link LocalOpenSearch}; the plugin's zip is resolved from Maven and unpacked
 * into the node's {@code plugins} folder. Starting takes about a minute on two cores (the plugin initialises
 * its security index) and about 700 MB of memory. Use {@link #shared()} (what
 * {@link SecureOpenSearchExtension} injects) or {@link #start()} for a private node. Thread-safe.
 *
 * <pre>{@code
 * @ExtendWith(SecureOpenSearchExtension.class)
 * class TlsIT {
 *     @Test
 *     void info_trustedCa_answers(LocalSecureOpenSearch node) {
 *         URI url = node.url(); // https://127.0.0.1:<port>
 *         Path trust = node.certificates().trustStore();
 *     }
 * }
 * }</pre>
 */
public final class LocalSecureOpenSearch implements AutoCloseable {
    private static final String USERNAME = "admin";
    private static final String PASSWORD = "admin";
    private static final JvmShared<LocalSecureOpenSearch> SHARED = new JvmShared<>(LocalSecureOpenSearch::start);

    private final URI url;
    private final TestCertificates certificates;
    private final ChildProcess process;
    private final Path dataDir;

    private LocalSecureOpenSearch(URI url, TestCertificates certificates, ChildProcess process, Path dataDir) {
        this.url = url;
        this.certificates = certificates;
        this.process = process;
        this.dataDir = dataDir;
    }

    /**
     * Returns the JVM-wide secured node, starting it on first use; it stops when the JVM exits.
     *
     * @return the shared node
     */
    public static LocalSecureOpenSearch shared() {
        return SHARED.get();
    }

    /**
     * Starts a new secured node.
     *
     * @return the running node; close it when done
     * @throws IllegalStateException when the runner or the plugin cannot be resolved or the node does not start
     */
    public static LocalSecureOpenSearch start() {
        List<Path> runner = OpenSearchNodes.runnerJars();
        TestCertificates certs = TestCertificates.create("Tributary OpenSearch test CA");
        int httpPort = Ports.freePort();
        int transportPort = Ports.freePort();
        Path work = Tools.workDir("opensearch-secure");
        Path dataDir = OpenSearchNodes.createDataDir(work);
        try {
            // The runner makes node_1 the node's home; the plugin and its config must be there before start.
            Path home = dataDir.resolve("node_1");
            Path config = home.resolve("config");
            installPlugin(MavenClasspath.resolveFile(Versions.openSearchSecurity()),
                    home.resolve("plugins").resolve("opensearch-security"), config.resolve("opensearch-security"),
                    runner.stream().map(p -> artifactName(p.getFileName().toString())).collect(Collectors.toSet()));
            Files.copy(certs.serverKeyStore(), config.resolve("node.p12"));
            Files.copy(certs.trustStore(), config.resolve("truststore.p12"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare the secured OpenSearch node under " + work, e);
        }
        URI url = URI.create("https://127.0.0.1:" + httpPort);
        List<String> cmd = OpenSearchNodes.command(runner, httpPort, transportPort, dataDir, "tributary-secure");
        String pw = new String(certs.password());
        for (String layer : List.of("transport", "http")) {
            String p = "plugins.security.ssl." + layer + ".";
            cmd.addAll(List.of(p + "keystore_type=PKCS12", p + "keystore_filepath=node.p12", p + "keystore_password=" + pw,
                    p + "truststore_type=PKCS12", p + "truststore_filepath=truststore.p12",
                    p + "truststore_password=" + pw));
        }
        cmd.addAll(List.of(
                "plugins.security.ssl.http.enabled=true",
                "plugins.security.ssl.transport.enforce_hostname_verification=false",
                "plugins.security.allow_default_init_securityindex=true",
                "plugins.security.nodes_dn=" + certs.serverSubject(),
                "plugins.security.authcz.admin_dn=CN=admin,O=tributary-test",
                "plugins.security.audit.type=noop",
                "plugins.security.restapi.roles_enabled=all_access"));
        HttpClient probe = HttpClient.newBuilder()
                .sslContext(certs.clientSslContext())
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        ChildProcess p = ChildProcess.start("opensearch-secure", cmd, Map.of(), work, Duration.ofSeconds(240),
                () -> healthy(probe, url));
        return new LocalSecureOpenSearch(url, certs, p, dataDir);
    }

    /** Returns the node's HTTPS base URL, for example {@code https://127.0.0.1:41234}. */
    public URI url() {
        return url;
    }

    /** Returns the CA and server certificate the node uses; its trust store is what clients need. */
    public TestCertificates certificates() {
        return certificates;
    }

    /** Returns the all-access internal user's name. */
    public String username() {
        return USERNAME;
    }

    /** Returns the all-access internal user's password (the plugin's demo password). */
    public String password() {
        return PASSWORD;
    }

    /** Stops the node and deletes its data. Closing the shared node is ignored: it stops with the JVM. */
    @Override
    public void close() {
        if (SHARED.is(this)) {
            return;
        }
        process.close();
        OpenSearchNodes.deleteQuietly(dataDir);
    }

    /**
     * Unpacks the plugin zip: jars into the plugin folder, except those the runner's classpath already has (the
     * node's plugin loader refuses duplicate classes, "jar hell"), and the default security config files.
     */
    private static void installPlugin(Path zip, Path pluginDir, Path configDir, Set<String> onClasspath)
            throws IOException {
        Files.createDirectories(pluginDir);
        Files.createDirectories(configDir);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String name = e.getName();
                if (e.isDirectory() || name.contains("..")) {
                    continue;
                }
                if (name.startsWith("config/") && name.endsWith(".yml") && name.indexOf('/', 7) < 0) {
                    Files.copy(in, configDir.resolve(name.substring(7)));
                } else if (name.indexOf('/') < 0 && !(name.endsWith(".jar") && onClasspath.contains(artifactName(name)))) {
                    Files.copy(in, pluginDir.resolve(name));
                }
            }
        }
    }

    /** Returns a jar's name without version: {@code netty-codec-4.1.118.Final.jar} gives {@code netty-codec}. */
    private static String artifactName(String jar) {
        return jar.replaceFirst("-\\d[^-]*(-jre)?\\.jar$", "");
    }

    private static boolean healthy(HttpClient probe, URI url) {
        String auth = Base64.getEncoder().encodeToString((USERNAME + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<Void> r = probe.send(HttpRequest.newBuilder(url.resolve("/_cluster/health"))
                            .timeout(Duration.ofSeconds(2))
                            .header("Authorization", "Basic " + auth)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "LocalSecureOpenSearch[" + url + "]";
    }
}
