package dev.tributary.ses.event;

/**
 * One header of the original message, as SES reports it.
 *
 * @param name the header name, e.g. {@code Subject}
 * @param value the header value as sent (not decoded)
 */
public record MailHeader(String name, String value) {
    @Override
    public String toString() {
        // Values may hold addresses or message text.
        return "MailHeader[name=" + name + "]";
    }
}
