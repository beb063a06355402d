package dev.tributary.core;

/**
 * Input that Tributary refused before any side effect: nothing was sent, written or indexed.
 *
 * <p>{@link #field()} names the offending field or parameter; the message says what a valid value looks like
 * and never repeats the value itself (it may be an address or a secret). Never retryable.
 */
public class TributaryValidationException extends TributaryClientException {
    private static final long serialVersionUID = 1L;

    private final String field;

    private TributaryValidationException(String field, String message) {
        super(field + ": " + message, null, false);
        this.field = field;
    }

    /**
     * Creates a validation failure for one field.
     *
     * @param field the name of the field or parameter that is invalid, for example {@code "to[2]"}
     * @param message what is wrong and what a valid value looks like, without the value
     * @return the exception
     */
    public static TributaryValidationException of(String field, String message) {
        return new TributaryValidationException(field, message);
    }

    /** Returns the name of the invalid field or parameter. */
    public String field() {
        return field;
    }
}
