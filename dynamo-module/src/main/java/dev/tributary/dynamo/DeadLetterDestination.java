package dev.tributary.dynamo;

/**
 * Receives poison records (see {@link FailurePolicy#deadLetter}). Called on the shard's worker thread; if it
 * throws, the shard stops rather than lose the record. Implementations: a lambda, or
 * {@link DynamoDbDeadLetterTable}.
 */
@FunctionalInterface
public interface DeadLetterDestination {
    /**
     * Stores one poison record.
     *
     * @param deadLetter the record and its context
     */
    void accept(DeadLetter deadLetter);
}
