package dev.tributary.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SesEmulatorInstallTest {

    @Test
    void shippedFiles_comparedWithToolsFolder_listEveryFile() throws IOException {
        Path tools = Tools.findUpwards("tools/ses-emulator").orElseThrow();
        List<String> onDisk;
        try (Stream<Path> paths = Files.walk(tools)) {
            onDisk = paths.filter(Files::isRegularFile)
                    .map(p -> tools.relativize(p).toString().replace('\\', '/'))
                    .filter(p -> !p.startsWith("node_modules/"))
                    .sorted()
                    .toList();
        }
        assertThat(SesEmulatorInstall.shippedFiles()).containsExactlyElementsOf(onDisk).contains("package-lock.json",
                "package.json", "extensions.js", "extensions/suppression.js");
    }

    @Test
    void readResources_fromJar_matchToolsFolder() throws IOException {
        Path tools = Tools.findUpwards("tools/ses-emulator").orElseThrow();
        Map<String, byte[]> shipped = SesEmulatorInstall.readResources();
        for (String name : SesEmulatorInstall.shippedFiles()) {
            assertThat(shipped.get(name)).as(name).isEqualTo(Files.readAllBytes(tools.resolve(name)));
        }
    }

    @Test
    void cacheRoot_propertySet_winsOverEnvironment() {
        assertThat(SesEmulatorInstall.cacheRoot("/p", Map.of("TRIBUTARY_TESTKIT_CACHE", "/e", "XDG_CACHE_HOME", "/x")))
                .isEqualTo(Path.of("/p"));
    }

    @Test
    void cacheRoot_envVariableSet_winsOverXdg() {
        assertThat(SesEmulatorInstall.cacheRoot(null, Map.of("TRIBUTARY_TESTKIT_CACHE", "/e", "XDG_CACHE_HOME", "/x")))
                .isEqualTo(Path.of("/e"));
    }

    @Test
    void cacheRoot_xdgSet_usesTributaryFolderInIt() {
        assertThat(SesEmulatorInstall.cacheRoot(null, Map.of("XDG_CACHE_HOME", "/x"))).isEqualTo(Path.of("/x/tributary"));
    }

    @Test
    void cacheRoot_nothingSetOrRelativeXdg_usesHomeCache() {
        Path expected = Path.of(System.getProperty("user.home"), ".cache", "tributary");
        assertThat(SesEmulatorInstall.cacheRoot(null, Map.of())).isEqualTo(expected);
        assertThat(SesEmulatorInstall.cacheRoot(" ", Map.of("XDG_CACHE_HOME", "relative"))).isEqualTo(expected);
    }

    @Test
    void folderName_contentChanged_changesHashButKeepsVersion() {
        Map<String, byte[]> files = SesEmulatorInstall.readResources();
        Map<String, byte[]> changed = new LinkedHashMap<>(files);
        changed.put("extensions.js", "// changed".getBytes());
        String name = SesEmulatorInstall.folderName(files);
        assertThat(name).startsWith("2.10.2-").isEqualTo(SesEmulatorInstall.folderName(files));
        assertThat(SesEmulatorInstall.folderName(changed)).startsWith("2.10.2-").isNotEqualTo(name);
    }
}
