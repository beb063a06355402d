package dev.tributary.dynamo;

import dev.tributary.core.TributaryValidationException;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/**
 * How a table created by {@link StreamTables} is billed: {@link #onDemand()} (pay per request) or
 * {@link #provisioned(long, long)} capacity. Immutable.
 */
public final class Billing {
    private static final Billing ON_DEMAND = new Billing(BillingMode.PAY_PER_REQUEST, 0, 0);

    private final BillingMode mode;
    private final long readCapacityUnits;
    private final long writeCapacityUnits;

    private Billing(BillingMode mode, long readCapacityUnits, long writeCapacityUnits) {
        this.mode = mode;
        this.readCapacityUnits = readCapacityUnits;
        this.writeCapacityUnits = writeCapacityUnits;
    }

    /** Returns on-demand billing (PAY_PER_REQUEST). */
    public static Billing onDemand() {
        return ON_DEMAND;
    }

    /**
     * Returns provisioned billing with fixed capacity.
     *
     * @param readCapacityUnits read capacity units, at least 1
     * @param writeCapacityUnits write capacity units, at least 1
     * @return the billing
     * @throws TributaryValidationException when a capacity is below 1
     */
    public static Billing provisioned(long readCapacityUnits, long writeCapacityUnits) {
        if (readCapacityUnits < 1) {
            throw TributaryValidationException.of("readCapacityUnits", "must be at least 1");
        }
        if (writeCapacityUnits < 1) {
            throw TributaryValidationException.of("writeCapacityUnits", "must be at least 1");
        }
        return new Billing(BillingMode.PROVISIONED, readCapacityUnits, writeCapacityUnits);
    }

    /** Returns the billing mode. */
    public BillingMode mode() {
        return mode;
    }

    /** Returns the read capacity units; present only for provisioned billing. */
    public OptionalLong readCapacityUnits() {
        return mode == BillingMode.PROVISIONED ? OptionalLong.of(readCapacityUnits) : OptionalLong.empty();
    }

    /** Returns the write capacity units; present only for provisioned billing. */
    public OptionalLong writeCapacityUnits() {
        return mode == BillingMode.PROVISIONED ? OptionalLong.of(writeCapacityUnits) : OptionalLong.empty();
    }

    ProvisionedThroughput throughput() {
        return ProvisionedThroughput.builder()
                .readCapacityUnits(readCapacityUnits)
                .writeCapacityUnits(writeCapacityUnits)
                .build();
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Billing b && b.mode == mode && b.readCapacityUnits == readCapacityUnits
                && b.writeCapacityUnits == writeCapacityUnits;
    }

    @Override
    public int hashCode() {
        return mode.hashCode() * 31 + Long.hashCode(readCapacityUnits * 31 + writeCapacityUnits);
    }

    @Override
    public String toString() {
        return mode == BillingMode.PAY_PER_REQUEST ? "Billing[onDemand]"
                : "Billing[provisioned, read=" + readCapacityUnits + ", write=" + writeCapacityUnits + "]";
    }
}
