package dev.tributary.ses.suppression.internal;

import dev.tributary.ses.suppression.SuppressedAddress;
import dev.tributary.ses.suppression.SuppressionReason;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The item layout of the DynamoDB suppression table: {@code address} (S, partition key, normalised),
 * {@code reason} (S), {@code at} (S, ISO-8601) and, on temporary entries only, {@code expiresAt} (N, epoch
 * seconds, the table's TTL attribute).
 */
public final class SuppressionItems {
    /** The partition key. */
    public static final String ADDRESS = "address";
    /** The TTL attribute; absent on permanent entries. */
    public static final String EXPIRES_AT = "expiresAt";
    static final String REASON = "reason";
    static final String AT = "at";

    private SuppressionItems() {}

    /** Returns the key of an address that {@link Addresses#key} normalised. */
    public static Map<String, AttributeValue> key(String normalised) {
        return Map.of(ADDRESS, AttributeValue.fromS(normalised));
    }

    /** Returns the item of an entry whose address {@link Addresses#key} normalised. */
    public static Map<String, AttributeValue> item(SuppressedAddress entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(ADDRESS, AttributeValue.fromS(entry.address()));
        item.put(REASON, AttributeValue.fromS(entry.reason().name()));
        item.put(AT, AttributeValue.fromS(entry.at().toString()));
        entry.expiry().ifPresent(e -> item.put(EXPIRES_AT, AttributeValue.fromN(Long.toString(e.getEpochSecond()))));
        return item;
    }

    /**
     * Reads an item, treating one whose TTL has passed as absent: DynamoDB deletes expired items lazily
     * (typically within days), so they are still returned by reads for a while.
     *
     * @param item the item, possibly null or empty when not found
     * @param now the current time
     * @return the active entry, or empty
     */
    public static Optional<SuppressedAddress> active(@Nullable Map<String, AttributeValue> item, Instant now) {
        if (item == null || !item.containsKey(ADDRESS)) {
            return Optional.empty();
        }
        SuppressedAddress e = read(item);
        return e.activeAt(now) ? Optional.of(e) : Optional.empty();
    }

    private static SuppressedAddress read(Map<String, AttributeValue> item) {
        AttributeValue reason = item.get(REASON);
        AttributeValue at = item.get(AT);
        AttributeValue expires = item.get(EXPIRES_AT);
        return new SuppressedAddress(
                item.get(ADDRESS).s(),
                reason == null ? SuppressionReason.BOUNCE : parseReason(reason.s()),
                at == null ? Instant.EPOCH : Instant.parse(at.s()),
                expires == null || expires.n() == null ? null : Instant.ofEpochSecond(Long.parseLong(expires.n())));
    }

    private static SuppressionReason parseReason(@Nullable String s) {
        // Items written by other tools may carry SES's wording; anything unknown is treated as a bounce.
        return "COMPLAINT".equalsIgnoreCase(s) ? SuppressionReason.COMPLAINT : SuppressionReason.BOUNCE;
    }
}
