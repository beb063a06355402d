package dev.tributary.testkit.internal.streams;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * What a virtual shard iterator carries: stream, shard, the index of the next record in the virtual shard, and
 * when it was issued. Encoded like AWS's iterators, the stream ARN, {@code |1|} and an opaque tail.
 *
 * @param streamArn the stream
 * @param shardId the virtual shard
 * @param position the index of the next record to return
 * @param issuedAtMillis when the iterator was issued, epoch millis of the rig's clock
 */
public record IteratorToken(String streamArn, String shardId, int position, long issuedAtMillis) {
    private static final String MARK = "|1|";

    /**
     * Returns the opaque string handed to callers.
     *
     * @return the iterator string
     */
    public String encode() {
        String tail = shardId + "/" + position + "/" + issuedAtMillis;
        return streamArn + MARK + Base64.getUrlEncoder().withoutPadding().encodeToString(tail.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads an iterator string.
     *
     * @param iterator what a caller sent
     * @return the token, or null when the string was not issued by a rig
     */
    public static @Nullable IteratorToken decode(@Nullable String iterator) {
        if (iterator == null) {
            return null;
        }
        int mark = iterator.lastIndexOf(MARK);
        if (mark <= 0) {
            return null;
        }
        try {
            String tail = new String(Base64.getUrlDecoder().decode(iterator.substring(mark + MARK.length())),
                    StandardCharsets.UTF_8);
            String[] parts = tail.split("/", -1);
            if (parts.length != 3 || parts[0].isEmpty()) {
                return null;
            }
            int position = Integer.parseInt(parts[1]);
            return position < 0 ? null : new IteratorToken(
                    iterator.substring(0, mark), parts[0], position, Long.parseLong(parts[2]));
        } catch (IllegalArgumentException e) {
            // Base64 and number errors both mean: not one of ours.
            return null;
        }
    }
}
