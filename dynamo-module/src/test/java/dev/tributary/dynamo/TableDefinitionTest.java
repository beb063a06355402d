package dev.tributary.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableClass;

class TableDefinitionTest {

    private static TableDefinition.Builder users() {
        return TableDefinition.builder().tableName("users").hashKey("userId", ScalarAttributeType.S);
    }

    private static String fieldOf(Runnable r) {
        try {
            r.run();
        } catch (TributaryValidationException e) {
            return e.field();
        }
        throw new AssertionError("no validation failure");
    }

    @Test
    void build_minimal_usesDefaults() {
        TableDefinition d = users().build();

        assertThat(d.streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(d.billing()).isEqualTo(Billing.onDemand());
        assertThat(d.rangeKeyName()).isEmpty();
        assertThat(d.tableClass()).isEmpty();
        assertThat(d.ttlAttribute()).isEmpty();
    }

    @Test
    void build_invalidFields_nameTheField() {
        assertThat(fieldOf(() -> TableDefinition.builder().hashKey("id", ScalarAttributeType.S).build()))
                .isEqualTo("tableName");
        assertThat(fieldOf(() -> TableDefinition.builder().tableName("a b").hashKey("id", ScalarAttributeType.S).build()))
                .isEqualTo("tableName");
        assertThat(fieldOf(() -> TableDefinition.builder().tableName("users").build())).isEqualTo("hashKey");
        assertThat(fieldOf(() -> users().rangeKey("userId", ScalarAttributeType.N).build())).isEqualTo("rangeKey");
        assertThat(fieldOf(() -> users().tableClass(TableClass.UNKNOWN_TO_SDK_VERSION).build())).isEqualTo("tableClass");
        assertThat(fieldOf(() -> users().ttlAttribute("").build())).isEqualTo("ttlAttribute");
    }

    @Test
    void provisioned_capacityBelowOne_throwsValidation() {
        assertThatThrownBy(() -> Billing.provisioned(0, 5))
                .isInstanceOfSatisfying(TributaryValidationException.class,
                        v -> assertThat(v.field()).isEqualTo("readCapacityUnits"));
    }

    @Test
    void createRequest_fullDefinition_carriesKeysStreamBillingAndClass() {
        TableDefinition d = users()
                .rangeKey("createdAt", ScalarAttributeType.N)
                .streamViewType(StreamViewType.NEW_IMAGE)
                .billing(Billing.provisioned(5, 7))
                .tableClass(TableClass.STANDARD_INFREQUENT_ACCESS)
                .build();

        CreateTableRequest r = StreamTables.createRequest(d);

        assertThat(r.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("userId:" + KeyType.HASH, "createdAt:" + KeyType.RANGE);
        assertThat(r.attributeDefinitions()).extracting(a -> a.attributeName() + ":" + a.attributeType())
                .containsExactly("userId:S", "createdAt:N");
        assertThat(r.streamSpecification().streamEnabled()).isTrue();
        assertThat(r.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
        assertThat(r.billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(r.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);
        assertThat(r.provisionedThroughput().writeCapacityUnits()).isEqualTo(7L);
        assertThat(r.tableClass()).isEqualTo(TableClass.STANDARD_INFREQUENT_ACCESS);
    }

    @Test
    void createRequest_onDemand_sendsNoThroughputOrClass() {
        CreateTableRequest r = StreamTables.createRequest(users().build());

        assertThat(r.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(r.provisionedThroughput()).isNull();
        assertThat(r.tableClass()).isNull();
    }

    @Test
    void toBuilder_roundTrip_keepsEverything() {
        TableDefinition d = users().rangeKey("sk", ScalarAttributeType.B).ttlAttribute("expiresAt").build();

        assertThat(d.toBuilder().build().toString()).isEqualTo(d.toString());
    }
}
