package dev.tributary.testkit.internal.streams;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A stable 128-bit hash of a record's key attributes (names and values), the way Kinesis maps a partition key
 * with MD5 onto a shard's hash key range. Independent of map order and JVM.
 */
public final class KeyHash {
    /** The size of the hash space: hashes are in {@code [0, 2^128)}. */
    public static final BigInteger SPACE = BigInteger.ONE.shiftLeft(128);

    private KeyHash() {}

    /**
     * Hashes the keys.
     *
     * @param keys the record's {@code Keys}; an empty map hashes like any other
     * @return a number in {@code [0, 2^128)}
     */
    public static BigInteger of(Map<String, AttributeValue> keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new TreeMap<>(keys).forEach((name, value) -> {
            write(out, name.getBytes(StandardCharsets.UTF_8));
            write(out, encode(value));
        });
        return new BigInteger(1, md5().digest(out.toByteArray()));
    }

    private static byte[] encode(AttributeValue v) {
        // Key attributes are S, N or B; the type tag keeps S "1" and N "1" apart.
        if (v.s() != null) {
            return ("S:" + v.s()).getBytes(StandardCharsets.UTF_8);
        }
        if (v.n() != null) {
            return ("N:" + v.n()).getBytes(StandardCharsets.UTF_8);
        }
        if (v.b() != null) {
            byte[] b = v.b().asByteArray();
            byte[] tagged = new byte[b.length + 2];
            tagged[0] = 'B';
            tagged[1] = ':';
            System.arraycopy(b, 0, tagged, 2, b.length);
            return tagged;
        }
        return ("?:" + v).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(ByteArrayOutputStream out, byte[] bytes) {
        // Length-prefixed, so ("ab", "c") and ("a", "bc") differ.
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
