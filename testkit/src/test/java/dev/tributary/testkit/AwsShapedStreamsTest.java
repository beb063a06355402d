package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

class AwsShapedStreamsTest {
    /** A delegate that records whether it was closed and answers nothing else. */
    private static final class StubDelegate implements DynamoDbStreamsClient {
        boolean closed;

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static AwsShapedStreams.Builder valid() {
        return AwsShapedStreams.builder().delegate(new StubDelegate());
    }

    private static void assertRejected(UnaryOperator<AwsShapedStreams.Builder> change, String field) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(field);
    }

    @Test
    void build_withoutDelegate_namesDelegate() {
        assertThatThrownBy(() -> AwsShapedStreams.builder().seed(1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delegate");
    }

    @Test
    void build_sequenceDigitsOutsideAwsRange_isRejected() {
        assertRejected(b -> b.sequenceDigits(20, 40), "sequenceDigits");
        assertRejected(b -> b.sequenceDigits(21, 41), "sequenceDigits");
        assertRejected(b -> b.sequenceDigits(30, 25), "sequenceDigits");
        assertThat(valid().sequenceDigits(21, 21).build()).isNotNull();
    }

    @Test
    void build_negativeTopologyIntervals_areRejected() {
        assertRejected(b -> b.rolloverEvery(-1), "rolloverEvery");
        assertRejected(b -> b.splitEvery(-5), "splitEvery");
    }

    @Test
    void build_faultRatesOutOfRange_areRejected() {
        assertRejected(b -> b.throttleRate(1.0), "throttleRate");
        assertRejected(b -> b.throttleRate(Double.NaN), "throttleRate");
        assertRejected(b -> b.expiredIteratorRate(-0.1), "expiredIteratorRate");
        assertRejected(b -> b.throttleRate(0.6).expiredIteratorRate(0.4), "throttleRate + expiredIteratorRate");
    }

    @Test
    void build_lifetimeAndPageSizeOutOfRange_areRejected() {
        assertRejected(b -> b.iteratorLifetime(Duration.ZERO), "iteratorLifetime");
        assertRejected(b -> b.pageSize(0), "pageSize");
        assertRejected(b -> b.pageSize(101), "pageSize");
    }

    @Test
    void getRecords_iteratorNotIssuedByRig_throwsValidationException() {
        AwsShapedStreams rig = valid().build();

        assertThatThrownBy(() -> rig.getRecords(b -> b.shardIterator("arn:aws:dynamodb:x|1|bm90LW91cnM")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                });
    }

    @Test
    void lambdaEvents_batchSizeOutOfRange_isRejected() {
        AwsShapedStreams rig = valid().build();

        assertThatThrownBy(() -> rig.lambdaEvents("arn", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("batchSize");
        assertThatThrownBy(() -> rig.lambdaEvents("arn", 10_001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void close_userBuiltDelegate_staysOpen() {
        StubDelegate delegate = new StubDelegate();

        AwsShapedStreams.builder().delegate(delegate).build().close();

        assertThat(delegate.closed).isFalse();
    }

    @Test
    void serviceName_isDynamoDbStreamsServiceName() {
        assertThat(valid().build().serviceName()).isEqualTo(DynamoDbStreamsClient.SERVICE_NAME);
    }
}
