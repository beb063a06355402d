package dev.tributary.dynamo.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Estimates a DynamoDB item's size the way DynamoDB counts it against the 400 KB limit: attribute names and
 * values in UTF-8 bytes, numbers at most 21 bytes, 1 byte for booleans and nulls, 3 bytes of overhead per list
 * or map plus 1 per element. Errs on the high side.
 */
public final class ItemSize {
    private ItemSize() {}

    /**
     * Returns the estimated size in bytes.
     *
     * @param item the item
     * @return bytes
     */
    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8(e.getKey()) + of(e.getValue());
        }
        return size;
    }

    private static long of(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return Math.min(21, v.n().length() + 1);
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        long size = 3;
        if (v.hasSs()) {
            for (String s : v.ss()) {
                size += utf8(s) + 1;
            }
        } else if (v.hasNs()) {
            for (String n : v.ns()) {
                size += Math.min(21, n.length() + 1) + 1;
            }
        } else if (v.hasBs()) {
            for (var b : v.bs()) {
                size += b.asByteArray().length + 1;
            }
        } else if (v.hasL()) {
            for (AttributeValue e : v.l()) {
                size += of(e) + 1;
            }
        } else if (v.hasM()) {
            for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
                size += utf8(e.getKey()) + of(e.getValue()) + 1;
            }
        }
        return size;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
