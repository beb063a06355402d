package dev.tributary.dynamo;

import dev.tributary.core.TributaryValidationException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;

/**
 * How a table created by {@link StreamTables} is billed: {@link #onDemand()} (pay per request) or
 * {@link #provisioned(long, long)} capacity. Immutable.
 */
public final class Billing {
    private static final Billing ON_DEMAND = new Billing(null);

    // The SDK's own immutable value (with equals and hashCode): the capacity for provisioned billing, null on demand.
    private final @Nullable ProvisionedThroughput capacity;

    private Billing(@Nullable ProvisionedThroughput capacity) {
        this.capacity = capacity;
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
        return new Billing(ProvisionedThroughput.builder()
                .readCapacityUnits(readCapacityUnits)
                .writeCapacityUnits(writeCapacityUnits)
                .build());
    }

    /** Returns the billing mode. */
    public BillingMode mode() {
        return capacity == null ? BillingMode.PAY_PER_REQUEST : BillingMode.PROVISIONED;
    }

    /** Returns the read capacity units; present only for provisioned billing. */
    public OptionalLong readCapacityUnits() {
        return capacity == null ? OptionalLong.empty() : OptionalLong.of(capacity.readCapacityUnits());
    }

    /** Returns the write capacity units; present only for provisioned billing. */
    public OptionalLong writeCapacityUnits() {
        return capacity == null ? OptionalLong.empty() : OptionalLong.of(capacity.writeCapacityUnits());
    }

    /** Returns the capacity to create the table with; empty on demand. */
    Optional<ProvisionedThroughput> throughput() {
        return Optional.ofNullable(capacity);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Billing b && Objects.equals(b.capacity, capacity);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(capacity);
    }

    @Override
    public String toString() {
        return capacity == null ? "Billing[onDemand]" : "Billing[provisioned, read=" + capacity.readCapacityUnits()
                + ", write=" + capacity.writeCapacityUnits() + "]";
    }
}
