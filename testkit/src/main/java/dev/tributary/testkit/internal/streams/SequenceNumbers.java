package dev.tributary.testkit.internal.streams;

import java.math.BigInteger;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * AWS-shaped sequence numbers: decimal strings of 21 to 40 digits, strictly increasing within a shard with
 * irregular gaps. Each shard draws its own base, so numbers of different shards are unrelated.
 */
public final class SequenceNumbers {
    /** The fewest digits AWS uses. */
    public static final int AWS_MIN_DIGITS = 21;
    /** The most digits AWS uses. */
    public static final int AWS_MAX_DIGITS = 40;

    private SequenceNumbers() {}

    /**
     * Draws a shard's starting number with between {@code minDigits} and {@code maxDigits} digits.
     *
     * @param rng the stream's random source
     * @param minDigits the fewest digits
     * @param maxDigits the most digits
     * @return the base, which the shard's first record exceeds
     */
    public static BigInteger base(Random rng, int minDigits, int maxDigits) {
        int digits = minDigits + rng.nextInt(maxDigits - minDigits + 1);
        StringBuilder s = new StringBuilder(digits);
        // A leading 1..4 leaves at least 5 * 10^(digits-1) of room, so a shard's numbers keep their length for
        // hundreds of millions of records and string order within a shard stays numeric order.
        s.append((char) ('1' + rng.nextInt(4)));
        for (int i = 1; i < digits; i++) {
            s.append((char) ('0' + rng.nextInt(10)));
        }
        return new BigInteger(s.toString());
    }

    /**
     * Returns the number after {@code previous}, an irregular gap above it.
     *
     * @param rng the stream's random source
     * @param previous the shard's last number (or its base)
     * @return a larger number
     */
    public static BigInteger next(Random rng, BigInteger previous) {
        return previous.add(BigInteger.valueOf(gap(rng)));
    }

    /** Mostly small gaps, sometimes large ones, as AWS shows: consumers must not expect +1. */
    static long gap(Random rng) {
        int roll = rng.nextInt(100);
        if (roll < 60) {
            return 1 + rng.nextInt(200);
        }
        if (roll < 90) {
            return 1 + rng.nextInt(1_000_000);
        }
        return 1 + (long) (rng.nextDouble() * 1e12);
    }

    /**
     * Parses a sequence number as a caller sent it.
     *
     * @param text the decimal string
     * @return the number, or null when it is not 1 to 40 decimal digits
     */
    public static @Nullable BigInteger parse(@Nullable String text) {
        if (text == null || text.isEmpty() || text.length() > AWS_MAX_DIGITS) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return new BigInteger(text);
    }
}
