package dev.tributary.ses.model;

import dev.tributary.core.TributaryValidationException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A validated mailbox: an RFC 5321 address with an optional display name.
 *
 * <p>Internationalised domains are stored in their ASCII (punycode) form, as SES requires; a non-ASCII local
 * part is refused because SES does not support SMTPUTF8. Display names may use any characters and are
 * RFC 2047-encoded on the wire. {@link #toString()} hides the address. Immutable.
 */
public final class EmailAddress {
    private final String address;
    private final @Nullable String displayName;

    private EmailAddress(String address, @Nullable String displayName) {
        this.address = address;
        this.displayName = displayName;
    }

    /**
     * Parses an address, either bare ({@code ann@example.com}) or with a display name
     * ({@code "Ann Lee <ann@example.com>"}).
     *
     * @param text the address
     * @return the validated address
     * @throws TributaryValidationException if it is not a valid single mailbox
     */
    public static EmailAddress of(String text) {
        return parse("address", text);
    }

    /**
     * Creates an address with a display name.
     *
     * @param address the bare address
     * @param displayName the display name, any characters but CR/LF
     * @return the validated address
     * @throws TributaryValidationException if either part is invalid
     */
    public static EmailAddress of(String address, String displayName) {
        EmailAddress bare = parse("address", address);
        Checks.noLineBreaks("displayName", displayName);
        return new EmailAddress(bare.address, displayName.isBlank() ? null : displayName.strip());
    }

    /**
     * Parses for a named field, so the error names it ({@code to[2]}).
     *
     * @param field the field name used in errors
     * @param text the address text
     * @return the validated address
     */
    public static EmailAddress parse(String field, String text) {
        Checks.notBlank(field, text);
        Checks.noLineBreaks(field, text);
        String trimmed = text.strip();
        String name = null;
        String addr = trimmed;
        int lt = trimmed.lastIndexOf('<');
        if (lt >= 0 && trimmed.endsWith(">")) {
            addr = trimmed.substring(lt + 1, trimmed.length() - 1).strip();
            name = unquote(trimmed.substring(0, lt).strip());
        }
        int at = addr.lastIndexOf('@');
        if (at <= 0 || at == addr.length() - 1) {
            throw TributaryValidationException.of(field, "must be an address like name@example.com");
        }
        String local = addr.substring(0, at);
        String domain = addr.substring(at + 1);
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(local)) {
            throw TributaryValidationException.of(field,
                    "the part before '@' must be ASCII: SES does not support internationalised local parts");
        }
        String asciiDomain;
        try {
            asciiDomain = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw TributaryValidationException.of(field, "has an invalid domain part");
        }
        if (!asciiDomain.contains(".")) {
            throw TributaryValidationException.of(field, "the domain must be fully qualified, like example.com");
        }
        String normalised = local + "@" + asciiDomain;
        try {
            new InternetAddress(normalised, true).validate();
        } catch (AddressException e) {
            throw TributaryValidationException.of(field, "is not a valid RFC 5321 address");
        }
        if (normalised.length() > 320 || local.length() > 64) {
            throw TributaryValidationException.of(field, "is too long (local part max 64, address max 320)");
        }
        return new EmailAddress(normalised, name == null || name.isBlank() ? null : name);
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return s;
    }

    /** Returns the bare address with an ASCII domain. */
    public String address() {
        return address;
    }

    /** Returns the domain part (ASCII form). */
    public String domain() {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    /** Returns the display name, when there is one. */
    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    /** Returns the mailbox as a header value: {@code =?UTF-8?...?= <ann@example.com>} when needed. */
    public String toHeaderValue() {
        if (displayName == null) {
            return address;
        }
        try {
            return new InternetAddress(address, displayName, StandardCharsets.UTF_8.name()).toString();
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException("UTF-8 is always supported", e);
        }
    }

    /** Returns a Jakarta Mail address for MIME building. */
    public InternetAddress toInternetAddress() {
        try {
            return displayName == null
                    ? new InternetAddress(address)
                    : new InternetAddress(address, MimeUtility.unfold(displayName), StandardCharsets.UTF_8.name());
        } catch (AddressException | UnsupportedEncodingException e) {
            throw new IllegalStateException("address was validated", e);
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof EmailAddress other
                && address.equals(other.address)
                && Objects.equals(displayName, other.displayName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, displayName);
    }

    @Override
    public String toString() {
        // Addresses are personal data: only the domain is shown.
        return "EmailAddress[***@" + domain() + "]";
    }
}
