package dev.tributary.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The settings both engines share are validated once, in {@link CaptureBuilder}, before any client is built. */
class CaptureBuilderTest {

    private static ChangeCapture.Builder<?> valid() {
        return ChangeCapture.raw().streamArn("arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/x")
                .handler("h", events -> {});
    }

    private static void assertInvalid(ChangeCapture.Builder<?> builder, String field) {
        assertThatThrownBy(builder::build).isInstanceOfSatisfying(TributaryValidationException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void build_noHandler_namesHandler() {
        assertInvalid(ChangeCapture.raw().streamArn("arn:aws:dynamodb:us-east-1:1:table/t/stream/x"), "handler");
    }

    @Test
    void build_batchSizeOutOfRange_namesBatchSize() {
        assertInvalid(valid().batchSize(0), "batchSize");
        assertInvalid(valid().batchSize(1001), "batchSize");
    }

    @Test
    void build_negativeShutdownTimeout_namesShutdownTimeout() {
        assertInvalid(valid().shutdownTimeout(Duration.ofSeconds(-1)), "shutdownTimeout");
    }

    @Test
    void build_tableNameAndStreamArn_namesTableName() {
        assertInvalid(valid().tableName("t"), "tableName");
    }
}
