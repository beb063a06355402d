package dev.tributary.ses.model;

import dev.tributary.core.TributaryValidationException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A stored SES template: a name and {@code {{placeholder}}} subject, text and HTML parts. Immutable.
 *
 * @param name the template name (letters, digits, '_' and '-')
 * @param subject the subject template
 * @param text the text-part template, or null
 * @param html the HTML-part template, or null
 */
public record EmailTemplate(String name, String subject, @Nullable String text, @Nullable String html) {
    /** Validates the template. */
    public EmailTemplate {
        Checks.tag("template.name", name);
        Checks.notBlank("template.subject", subject);
        Checks.noLineBreaks("template.subject", subject);
        if ((text == null || text.isEmpty()) && (html == null || html.isEmpty())) {
            throw TributaryValidationException.of("template.body", "a text or an HTML part is required");
        }
    }

    /**
     * Creates a template.
     *
     * @param name the template name
     * @param subject the subject template
     * @param text the text part, or null
     * @param html the HTML part, or null
     * @return the template
     */
    public static EmailTemplate of(String name, String subject, @Nullable String text, @Nullable String html) {
        return new EmailTemplate(name, subject, text, html);
    }

    /** Returns the text part, if any. */
    public Optional<String> textPart() {
        return Optional.ofNullable(text);
    }

    /** Returns the HTML part, if any. */
    public Optional<String> htmlPart() {
        return Optional.ofNullable(html);
    }
}
