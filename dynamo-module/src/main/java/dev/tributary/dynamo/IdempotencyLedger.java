package dev.tributary.dynamo;

/**
 * Remembers which events were handled, so that {@link IdempotentHandler} runs a side effect once per key even
 * though streams deliver at least once. A key is first <em>claimed</em> (a worker is handling it), then
 * <em>done</em>; a failed worker <em>releases</em> its claim. Claims older than the implementation's claim
 * timeout count as abandoned (the worker crashed) and may be claimed again; done keys are forgotten after the
 * implementation's time to live, which should outlast the stream's retention (24 hours for DynamoDB Streams).
 *
 * <p>Implementations must be thread-safe, and {@link #tryClaim} must be atomic: of two concurrent callers for
 * one key, at most one gets {@code true}. Keys may be business values: never log them.
 *
 * @see DynamoDbIdempotencyLedger
 * @see InMemoryIdempotencyLedger
 */
public interface IdempotencyLedger {

    /**
     * Claims a key for the caller: succeeds when the key is unknown, its record expired, or its claim was
     * abandoned (older than the claim timeout).
     *
     * @param key the idempotency key
     * @return true when the caller now holds the claim; false when the key is done or claimed by someone else
     * @throws dev.tributary.core.TributaryException when the ledger cannot be reached
     */
    boolean tryClaim(String key);

    /**
     * Returns whether a key is done; asked after {@link #tryClaim} returned false, to tell a finished key
     * (skip it) from one another worker is still handling (try again later).
     *
     * @param key the idempotency key
     * @return true when the key is done and not expired
     * @throws dev.tributary.core.TributaryException when the ledger cannot be reached
     */
    boolean isDone(String key);

    /**
     * Marks a key done after its side effect succeeded, whoever holds the claim now.
     *
     * @param key the idempotency key
     * @throws dev.tributary.core.TributaryException when the ledger cannot be reached
     */
    void complete(String key);

    /**
     * Gives up the caller's claim after a failure so the key can be claimed again at once; does nothing when
     * the key is done or the claim is no longer the caller's.
     *
     * @param key the idempotency key
     * @throws dev.tributary.core.TributaryException when the ledger cannot be reached
     */
    void release(String key);
}
