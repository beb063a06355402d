package dev.tributary.core.support;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks what must never reach a log or an exception message: e-mail addresses and things shaped like
 * credentials. Applied to text that came from a service or a library, whose content we do not control.
 */
public final class Redaction {
    private static final Pattern EMAIL =
            Pattern.compile("[\\p{L}\\p{N}._%+'-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern ACCESS_KEY = Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{16}\\b");
    private static final Pattern SECRET_LIKE =
            Pattern.compile("(?i)(secret|password|passwd|token|signature|authorization)(\\s*[=:]\\s*)\\S+");
    private static final int MAX_LENGTH = 500;

    private Redaction() {}

    /**
     * Returns {@code text} with addresses and credential-like values masked and the length capped.
     *
     * @param text untrusted text, or null
     * @return the redacted text, or an empty string for null
     */
    public static String redact(@Nullable String text) {
        if (text == null) {
            return "";
        }
        String out = EMAIL.matcher(text).replaceAll("<address>");
        out = ACCESS_KEY.matcher(out).replaceAll("<access-key>");
        out = SECRET_LIKE.matcher(out).replaceAll("$1$2<redacted>");
        return out.length() > MAX_LENGTH ? out.substring(0, MAX_LENGTH) + "..." : out;
    }
}
