package dev.tributary.dynamo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;

class BillingTest {
    @Test
    void onDemand_hasNoCapacity() {
        Billing b = Billing.onDemand();

        assertThat(b.mode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(b.readCapacityUnits()).isEmpty();
        assertThat(b.writeCapacityUnits()).isEmpty();
        assertThat(b.throughput()).isEmpty();
        assertThat(b).hasToString("Billing[onDemand]");
    }

    @Test
    void provisioned_sameCapacity_isEqualAndCarriesIt() {
        Billing b = Billing.provisioned(3, 4);

        assertThat(b.mode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(b.readCapacityUnits()).hasValue(3);
        assertThat(b.writeCapacityUnits()).hasValue(4);
        assertThat(b).isEqualTo(Billing.provisioned(3, 4)).hasSameHashCodeAs(Billing.provisioned(3, 4))
                .isNotEqualTo(Billing.provisioned(4, 3)).isNotEqualTo(Billing.onDemand())
                .hasToString("Billing[provisioned, read=3, write=4]");
    }
}
