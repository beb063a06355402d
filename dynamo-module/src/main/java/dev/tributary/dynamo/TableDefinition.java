package dev.tributary.dynamo;

import dev.tributary.core.TributaryValidationException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableClass;

/**
 * What {@link StreamTables#ensureTable} makes sure exists: a table's name and primary key, its stream's view
 * type, billing, table class and TTL attribute. Immutable.
 *
 * <p>Tributary's change events need new images, so keep the default view type
 * {@link StreamViewType#NEW_AND_OLD_IMAGES} or use {@link StreamViewType#NEW_IMAGE} when the stream feeds a
 * {@link StreamRecordMapper}.
 *
 * <pre>{@code
 * TableDefinition orders = TableDefinition.builder()
 *         .tableName("orders")
 *         .hashKey("customerId", ScalarAttributeType.S)
 *         .rangeKey("orderedAt", ScalarAttributeType.N)
 *         .billing(Billing.onDemand())
 *         .ttlAttribute("expiresAt")
 *         .build();
 * }</pre>
 */
public final class TableDefinition {
    private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

    private final String tableName;
    private final String hashKeyName;
    private final ScalarAttributeType hashKeyType;
    private final @Nullable String rangeKeyName;
    private final @Nullable ScalarAttributeType rangeKeyType;
    private final StreamViewType streamViewType;
    private final Billing billing;
    private final @Nullable TableClass tableClass;
    private final @Nullable String ttlAttribute;

    private TableDefinition(Builder b, String tableName, String hashKeyName, ScalarAttributeType hashKeyType) {
        this.tableName = tableName;
        this.hashKeyName = hashKeyName;
        this.hashKeyType = hashKeyType;
        this.rangeKeyName = b.rangeKeyName;
        this.rangeKeyType = b.rangeKeyType;
        this.streamViewType = b.streamViewType;
        this.billing = b.billing;
        this.tableClass = b.tableClass;
        this.ttlAttribute = b.ttlAttribute;
    }

    /** Returns a builder; table name and hash key are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns a builder initialised from this definition. */
    public Builder toBuilder() {
        Builder b = new Builder()
                .tableName(tableName)
                .hashKey(hashKeyName, hashKeyType)
                .streamViewType(streamViewType)
                .billing(billing)
                .tableClass(tableClass)
                .ttlAttribute(ttlAttribute);
        if (rangeKeyName != null && rangeKeyType != null) {
            b.rangeKey(rangeKeyName, rangeKeyType);
        }
        return b;
    }

    /** Returns the table name. */
    public String tableName() {
        return tableName;
    }

    /** Returns the hash (partition) key attribute name. */
    public String hashKeyName() {
        return hashKeyName;
    }

    /** Returns the hash key's type. */
    public ScalarAttributeType hashKeyType() {
        return hashKeyType;
    }

    /** Returns the range (sort) key attribute name, when the table has one. */
    public Optional<String> rangeKeyName() {
        return Optional.ofNullable(rangeKeyName);
    }

    /** Returns the range key's type, when the table has one. */
    public Optional<ScalarAttributeType> rangeKeyType() {
        return Optional.ofNullable(rangeKeyType);
    }

    /** Returns the stream's view type. */
    public StreamViewType streamViewType() {
        return streamViewType;
    }

    /** Returns the billing used when the table is created. */
    public Billing billing() {
        return billing;
    }

    /** Returns the table class used when the table is created; empty means DynamoDB's default, STANDARD. */
    public Optional<TableClass> tableClass() {
        return Optional.ofNullable(tableClass);
    }

    /** Returns the attribute that holds expiry times (epoch seconds) for TTL, when TTL is wanted. */
    public Optional<String> ttlAttribute() {
        return Optional.ofNullable(ttlAttribute);
    }

    @Override
    public String toString() {
        return "TableDefinition[tableName=" + tableName + ", hashKey=" + hashKeyName + ":" + hashKeyType
                + (rangeKeyName == null ? "" : ", rangeKey=" + rangeKeyName + ":" + rangeKeyType)
                + ", streamViewType=" + streamViewType + ", billing=" + billing + ", tableClass=" + tableClass
                + ", ttlAttribute=" + ttlAttribute + "]";
    }

    /** Builds a {@link TableDefinition}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String tableName;
        private @Nullable String hashKeyName;
        private @Nullable ScalarAttributeType hashKeyType;
        private @Nullable String rangeKeyName;
        private @Nullable ScalarAttributeType rangeKeyType;
        private StreamViewType streamViewType = StreamViewType.NEW_AND_OLD_IMAGES;
        private Billing billing = Billing.onDemand();
        private @Nullable TableClass tableClass;
        private @Nullable String ttlAttribute;

        private Builder() {}

        /** Sets the table name: 3 to 255 letters, digits, {@code _ . -}. Required. */
        public Builder tableName(String tableName) {
            this.tableName = Objects.requireNonNull(tableName, "tableName");
            return this;
        }

        /** Sets the hash (partition) key's attribute name and type. Required. */
        public Builder hashKey(String name, ScalarAttributeType type) {
            this.hashKeyName = Objects.requireNonNull(name, "name");
            this.hashKeyType = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Sets the range (sort) key's attribute name and type; default none. */
        public Builder rangeKey(String name, ScalarAttributeType type) {
            this.rangeKeyName = Objects.requireNonNull(name, "name");
            this.rangeKeyType = Objects.requireNonNull(type, "type");
            return this;
        }

        /** Removes the range key. */
        public Builder noRangeKey() {
            this.rangeKeyName = null;
            this.rangeKeyType = null;
            return this;
        }

        /** Sets the stream view type; default {@link StreamViewType#NEW_AND_OLD_IMAGES}. */
        public Builder streamViewType(StreamViewType streamViewType) {
            this.streamViewType = Objects.requireNonNull(streamViewType, "streamViewType");
            return this;
        }

        /** Sets the billing for a new table; default {@link Billing#onDemand()}. */
        public Builder billing(Billing billing) {
            this.billing = Objects.requireNonNull(billing, "billing");
            return this;
        }

        /** Sets the table class for a new table; default null, DynamoDB's default (STANDARD). */
        public Builder tableClass(@Nullable TableClass tableClass) {
            this.tableClass = tableClass;
            return this;
        }

        /** Sets the attribute holding expiry times (epoch seconds) and turns TTL on for it; default null, off. */
        public Builder ttlAttribute(@Nullable String ttlAttribute) {
            this.ttlAttribute = ttlAttribute;
            return this;
        }

        /**
         * Validates and builds the definition.
         *
         * @return the definition
         * @throws TributaryValidationException naming the first missing or invalid field
         */
        public TableDefinition build() {
            if (tableName == null || !TABLE_NAME.matcher(tableName).matches()) {
                throw TributaryValidationException.of("tableName",
                        "is required: 3 to 255 characters of a-z, A-Z, 0-9, '_', '-' and '.'");
            }
            if (hashKeyName == null || hashKeyName.isEmpty() || hashKeyType == null) {
                throw TributaryValidationException.of("hashKey", "is required: an attribute name and S, N or B");
            }
            requireKnown("hashKey", hashKeyType);
            if (rangeKeyName != null) {
                if (rangeKeyName.isEmpty() || rangeKeyName.equals(hashKeyName)) {
                    throw TributaryValidationException.of("rangeKey", "must be a non-empty name other than the hash key's");
                }
                requireKnown("rangeKey", rangeKeyType);
            }
            if (streamViewType == StreamViewType.UNKNOWN_TO_SDK_VERSION) {
                throw TributaryValidationException.of("streamViewType",
                        "must be NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES or KEYS_ONLY");
            }
            if (tableClass == TableClass.UNKNOWN_TO_SDK_VERSION) {
                throw TributaryValidationException.of("tableClass", "must be STANDARD or STANDARD_INFREQUENT_ACCESS");
            }
            if (ttlAttribute != null && ttlAttribute.isEmpty()) {
                throw TributaryValidationException.of("ttlAttribute", "must be a non-empty attribute name, or null");
            }
            return new TableDefinition(this, tableName, hashKeyName, hashKeyType);
        }

        private static void requireKnown(String field, @Nullable ScalarAttributeType type) {
            if (type == null || type == ScalarAttributeType.UNKNOWN_TO_SDK_VERSION) {
                throw TributaryValidationException.of(field, "type must be S, N or B");
            }
        }
    }
}
