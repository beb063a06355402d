package dev.tributary.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void execute_noEndpointNorRegion_isUsageError() {
        assertThat(QuickStart.execute("--users", "3")).isEqualTo(2);
    }

    @Test
    void execute_endpointAndRegion_isUsageError() {
        assertThat(QuickStart.execute("--dynamo-endpoint", "http://127.0.0.1:1", "--aws-region", "eu-west-1"))
                .isEqualTo(2);
    }

    @Test
    void execute_usersNotANumber_isUsageError() {
        assertThat(QuickStart.execute("--dynamo-endpoint", "http://127.0.0.1:1", "--users", "ten")).isEqualTo(2);
    }

    @Test
    void execute_help_printsUsageAndSucceeds() {
        assertThat(QuickStart.execute("--help")).isZero();
    }
}
