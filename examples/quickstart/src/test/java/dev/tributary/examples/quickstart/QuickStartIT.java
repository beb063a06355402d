package dev.tributary.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DynamoDbLocalExtension.class)
class QuickStartIT {

    @Test
    void run_usersRegistered_captureDeliversOneInsertEach(LocalDynamoDb dynamo) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QuickStart quickStart = new QuickStart(QuickStart.localSettings(dynamo.endpoint()),
                "quickstart-it-" + System.nanoTime(), new PrintStream(out, true, StandardCharsets.UTF_8));

        List<String> seen = quickStart.run(7);

        assertThat(seen).containsExactlyInAnyOrder(
                "user-1", "user-2", "user-3", "user-4", "user-5", "user-6", "user-7");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Registered 7 users; the capture delivered 7");
    }

    @Test
    void execute_commandLine_runsAgainstTheGivenEndpoint(LocalDynamoDb dynamo) {
        int code = QuickStart.execute("--dynamo-endpoint", dynamo.endpoint().toString(),
                "--table", "quickstart-cli-" + System.nanoTime(), "--users", "3");

        assertThat(code).isZero();
    }
}
