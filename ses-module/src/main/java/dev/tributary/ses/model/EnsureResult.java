package dev.tributary.ses.model;

/** What an idempotent {@code ensure...} call had to do. */
public enum EnsureResult {
    /** The resource (or a part of it, such as an event destination) did not exist and was created. */
    CREATED,
    /** It existed but differed and was updated. */
    UPDATED,
    /** It existed as asked; nothing was changed. */
    UNCHANGED
}
