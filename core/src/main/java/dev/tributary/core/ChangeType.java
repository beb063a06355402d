package dev.tributary.core;

/** What happened to an item: the neutral form of DynamoDB Streams' INSERT, MODIFY and REMOVE. */
public enum ChangeType {
    /** A new item was written; the event has a new image. */
    INSERT,
    /** An existing item was changed; the event has a new image and, depending on the stream view, an old one. */
    MODIFY,
    /** An item was deleted; the event has an old image when the stream view includes it. */
    REMOVE
}
