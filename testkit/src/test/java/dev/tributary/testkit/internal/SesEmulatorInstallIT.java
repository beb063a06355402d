package dev.tributary.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real npm against the registry, as a fresh machine does on the first SES test. */
class SesEmulatorInstallIT {

    @Test
    void ensureInstalled_emptyCache_installsARunnableEmulatorOnce(@TempDir Path cache) throws Exception {
        SesEmulatorInstall.Installed first;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<SesEmulatorInstall.Installed> a = pool.submit(() -> SesEmulatorInstall.ensureInstalled(cache));
            Future<SesEmulatorInstall.Installed> b = pool.submit(() -> SesEmulatorInstall.ensureInstalled(cache));
            first = a.get(6, TimeUnit.MINUTES);
            assertThat(b.get(6, TimeUnit.MINUTES)).isEqualTo(first);
        } finally {
            pool.shutdownNow();
        }
        assertThat(first.cli()).isRegularFile().startsWith(cache.resolve("ses-emulator"));
        assertThat(first.extensions()).isRegularFile();
        FileTime installedAt = Files.getLastModifiedTime(first.cli().getParent());

        SesEmulatorInstall.Installed again = SesEmulatorInstall.ensureInstalled(cache);

        assertThat(again).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(first.cli().getParent())).isEqualTo(installedAt);
        int port = Ports.freePort();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try (ChildProcess emulator = ChildProcess.start("ses-emulator-install-it",
                List.of(Tools.require("node", "nodejs").toString(), "-r", first.extensions().toString(),
                        first.cli().toString(), "--host", "127.0.0.1", "--port", Integer.toString(port)),
                Map.of(), cache.resolve("run"), Duration.ofSeconds(30),
                () -> Ports.httpAnswers(endpoint.resolve("/health-check")))) {
            assertThat(emulator.alive()).isTrue();
        }
    }

    @Test
    void ensureInstalled_lockFileIntegrityTampered_failsAndLeavesNoInstall(@TempDir Path cache) {
        Map<String, byte[]> files = new LinkedHashMap<>(SesEmulatorInstall.readResources());
        String lock = new String(files.get("package-lock.json"), StandardCharsets.UTF_8);
        int entry = lock.indexOf("\"node_modules/aws-ses-v2-local\"");
        int at = lock.indexOf("\"integrity\": \"sha512-", entry) + "\"integrity\": \"sha512-".length();
        String flipped = lock.charAt(at) == 'A' ? "B" : "A";
        files.put("package-lock.json",
                (lock.substring(0, at) + flipped + lock.substring(at + 1)).getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> SesEmulatorInstall.ensureInstalled(cache, files))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'npm ci' failed")
                .hasMessageContaining("EINTEGRITY");
        Path dir = cache.resolve("ses-emulator").resolve(SesEmulatorInstall.folderName(files));
        assertThat(dir.resolve(".tributary-installed")).doesNotExist();
    }
}
