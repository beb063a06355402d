package dev.tributary.core;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One change to one item, in a form no service module owns: what happened ({@link ChangeType}), the item's
 * key, its images before and after, and where the change sits in its source (partition and sequence number).
 *
 * <p>Key values are neutral Java values: {@link String}, {@link java.math.BigDecimal} for numbers, and
 * {@code byte[]} for binary keys (copied; compare with {@link java.util.Arrays#equals(byte[], byte[])}).
 * {@link #toString()} prints the type, key names and position, never key or image values. Immutable when
 * the image type is.
 *
 * <pre>{@code
 * ChangeEvent<User> e = ChangeEvent.<User>builder()
 *         .type(ChangeType.INSERT)
 *         .key("userId", "u-1")
 *         .newImage(user)
 *         .sourceId("arn:aws:dynamodb:...:table/users/stream/...")
 *         .partition("shardId-0001")
 *         .sequenceNumber("000000000000000000001")
 *         .approximateCreationTime(Instant.now())
 *         .eventId("e1")
 *         .build();
 * }</pre>
 *
 * @param <T> the item type of the images
 */
public final class ChangeEvent<T> {
    /**
     * Metadata key set to {@code "true"} on a copy read by a table scan rather than from a stream; its
     * {@link #approximateCreationTime()} is when the scan started.
     */
    public static final String BACKFILL_METADATA = "tributary.backfill";
    private final ChangeType type;
    private final Map<String, Object> keys;
    private final @Nullable T oldImage;
    private final @Nullable T newImage;
    private final String sourceId;
    private final String partition;
    private final String sequenceNumber;
    private final Instant approximateCreationTime;
    private final String eventId;
    private final Map<String, String> metadata;

    private ChangeEvent(Builder<T> b) {
        this.type = Objects.requireNonNull(b.type);
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(b.keys));
        this.oldImage = b.oldImage;
        this.newImage = b.newImage;
        this.sourceId = Objects.requireNonNull(b.sourceId);
        this.partition = Objects.requireNonNull(b.partition);
        this.sequenceNumber = Objects.requireNonNull(b.sequenceNumber);
        this.approximateCreationTime = Objects.requireNonNull(b.approximateCreationTime);
        this.eventId = Objects.requireNonNull(b.eventId);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    }

    /**
     * Returns a builder.
     *
     * @param <T> the item type
     * @return the builder
     */
    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Returns what happened to the item. */
    public ChangeType type() {
        return type;
    }

    /** Returns the item's primary key, attribute name to value, in key-schema order (hash key first). */
    public Map<String, Object> keys() {
        return keys;
    }

    /** Returns the item before the change, when the source provides it. */
    public Optional<T> oldImage() {
        return Optional.ofNullable(oldImage);
    }

    /** Returns the item after the change; absent for {@link ChangeType#REMOVE}. */
    public Optional<T> newImage() {
        return Optional.ofNullable(newImage);
    }

    /** Returns the source the change came from, such as a DynamoDB stream ARN. */
    public String sourceId() {
        return sourceId;
    }

    /** Returns the partition (for DynamoDB Streams, the shard id) the change was read from. */
    public String partition() {
        return partition;
    }

    /**
     * Returns the change's sequence number within its partition. DynamoDB's are decimal strings that grow
     * within a shard; compare them as {@link java.math.BigInteger}s, not as strings.
     */
    public String sequenceNumber() {
        return sequenceNumber;
    }

    /** Returns roughly when the change was made, as recorded by the source. */
    public Instant approximateCreationTime() {
        return approximateCreationTime;
    }

    /** Returns the source's unique id for this change, stable across redeliveries. */
    public String eventId() {
        return eventId;
    }

    /** Returns extra source metadata, such as {@code userIdentity} for TTL deletions. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Returns a copy with both images converted by {@code mapper}; key and position unchanged.
     *
     * @param mapper converts one image; never called with null
     * @param <R> the new image type
     * @return the converted event
     */
    public <R> ChangeEvent<R> map(Function<? super T, ? extends R> mapper) {
        Builder<R> b = ChangeEvent.<R>builder()
                .type(type)
                .sourceId(sourceId)
                .partition(partition)
                .sequenceNumber(sequenceNumber)
                .approximateCreationTime(approximateCreationTime)
                .eventId(eventId)
                .oldImage(oldImage == null ? null : mapper.apply(oldImage))
                .newImage(newImage == null ? null : mapper.apply(newImage));
        keys.forEach(b::key);
        metadata.forEach(b::metadata);
        return b.build();
    }

    @Override
    public String toString() {
        // Key and image values may be personal data: only names and positions are printed.
        return "ChangeEvent[type=" + type + ", keys=" + keys.keySet() + ", partition=" + partition
                + ", sequenceNumber=" + sequenceNumber + ", eventId=" + eventId + "]";
    }

    /**
     * Builds a {@link ChangeEvent}; validates at {@link #build()}. Not thread-safe.
     *
     * @param <T> the item type
     */
    public static final class Builder<T> {
        private @Nullable ChangeType type;
        private final Map<String, Object> keys = new LinkedHashMap<>();
        private @Nullable T oldImage;
        private @Nullable T newImage;
        private @Nullable String sourceId;
        private @Nullable String partition;
        private @Nullable String sequenceNumber;
        private @Nullable Instant approximateCreationTime;
        private @Nullable String eventId;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {}

        /** Sets what happened. Required. */
        public Builder<T> type(ChangeType type) {
            this.type = type;
            return this;
        }

        /** Adds one key attribute: a String, a Number (kept as BigDecimal) or a byte[] (copied). */
        public Builder<T> key(String name, Object value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            Object v = value;
            if (value instanceof byte[] bytes) {
                v = bytes.clone();
            } else if (value instanceof Number n && !(value instanceof java.math.BigDecimal)) {
                v = new java.math.BigDecimal(n.toString());
            } else if (!(value instanceof String) && !(value instanceof java.math.BigDecimal)) {
                throw TributaryValidationException.of(
                        "keys." + name, "a key value must be a String, a Number or a byte[]");
            }
            keys.put(name, v);
            return this;
        }

        /** Sets the image before the change. */
        public Builder<T> oldImage(@Nullable T oldImage) {
            this.oldImage = oldImage;
            return this;
        }

        /** Sets the image after the change. Required for INSERT and MODIFY. */
        public Builder<T> newImage(@Nullable T newImage) {
            this.newImage = newImage;
            return this;
        }

        /** Sets the source id, such as the stream ARN. Required. */
        public Builder<T> sourceId(String sourceId) {
            this.sourceId = sourceId;
            return this;
        }

        /** Sets the partition (shard id). Required. */
        public Builder<T> partition(String partition) {
            this.partition = partition;
            return this;
        }

        /** Sets the sequence number within the partition. Required. */
        public Builder<T> sequenceNumber(String sequenceNumber) {
            this.sequenceNumber = sequenceNumber;
            return this;
        }

        /** Sets the approximate creation time. Required. */
        public Builder<T> approximateCreationTime(Instant approximateCreationTime) {
            this.approximateCreationTime = approximateCreationTime;
            return this;
        }

        /** Sets the source's unique event id. Required. */
        public Builder<T> eventId(String eventId) {
            this.eventId = eventId;
            return this;
        }

        /** Adds one metadata entry. */
        public Builder<T> metadata(String name, String value) {
            metadata.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Validates and builds the event.
         *
         * @return the event
         * @throws TributaryValidationException naming the first missing or inconsistent field
         */
        public ChangeEvent<T> build() {
            require("type", type);
            require("sourceId", sourceId);
            require("partition", partition);
            require("sequenceNumber", sequenceNumber);
            require("approximateCreationTime", approximateCreationTime);
            require("eventId", eventId);
            if (keys.isEmpty()) {
                throw TributaryValidationException.of("keys", "at least the hash key is required");
            }
            if (type != ChangeType.REMOVE && newImage == null) {
                throw TributaryValidationException.of("newImage", "is required for " + type + " events");
            }
            if (type == ChangeType.REMOVE && newImage != null) {
                throw TributaryValidationException.of("newImage", "must be absent for REMOVE events");
            }
            return new ChangeEvent<>(this);
        }

        private static void require(String field, @Nullable Object value) {
            if (value == null || (value instanceof String s && s.isBlank())) {
                throw TributaryValidationException.of(field, "is required");
            }
        }
    }
}
