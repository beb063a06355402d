package dev.tributary.dynamo.internal;

import java.math.BigInteger;

/** DynamoDB Streams sequence numbers are decimal strings of varying length: compare them as numbers. */
public final class SequenceNumbers {
    /** Width that every real sequence number fits in when zero-padded (they are at most 40 digits). */
    public static final int PADDED_WIDTH = 48;

    private SequenceNumbers() {}

    /** Compares two sequence numbers numerically. */
    public static int compare(String a, String b) {
        return new BigInteger(a).compareTo(new BigInteger(b));
    }

    /** Returns the number zero-padded to {@link #PADDED_WIDTH}, so string order equals numeric order. */
    public static String padded(String sequenceNumber) {
        String digits = new BigInteger(sequenceNumber).toString();
        return "0".repeat(Math.max(0, PADDED_WIDTH - digits.length())) + digits;
    }
}
