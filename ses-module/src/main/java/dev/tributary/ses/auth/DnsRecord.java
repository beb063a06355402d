package dev.tributary.ses.auth;

import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A DNS record to publish, as a finding's fix: owner name, type and value. Immutable.
 *
 * <p>{@link #zoneLine()} gives it in zone-file form, for example
 * {@code _dmarc.example.com. 300 IN TXT "v=DMARC1; p=quarantine"}. A value in angle brackets, such as
 * {@code <your public key>}, is a placeholder the user must fill in.
 */
public final class DnsRecord {
    private final String name;
    private final String type;
    private final String value;

    private DnsRecord(String name, String type, String value) {
        this.name = name;
        this.type = type;
        this.value = value;
    }

    /**
     * Creates a record.
     *
     * @param name the owner name, without a trailing dot
     * @param type the record type, such as {@code TXT}, {@code CNAME} or {@code MX}
     * @param value the value as a DNS console expects it: TXT text without quotes, a CNAME target, or
     *     {@code <preference> <host>} for MX
     * @return the record
     */
    public static DnsRecord of(String name, String type, String value) {
        return new DnsRecord(Objects.requireNonNull(name, "name"),
                Objects.requireNonNull(type, "type").toUpperCase(Locale.ROOT), Objects.requireNonNull(value, "value"));
    }

    /** Returns the owner name, without a trailing dot. */
    public String name() {
        return name;
    }

    /** Returns the record type, upper case. */
    public String type() {
        return type;
    }

    /** Returns the value; TXT values are unquoted and not split into 255-character strings. */
    public String value() {
        return value;
    }

    /**
     * Returns the record in zone-file form with a 300 s TTL; TXT values are quoted and split into 255-character
     * strings, host names get a trailing dot.
     */
    public String zoneLine() {
        String data;
        if (type.equals("TXT")) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < value.length(); i += 255) {
                sb.append(i == 0 ? "" : " ").append('"')
                        .append(value, i, Math.min(value.length(), i + 255)).append('"');
            }
            data = value.isEmpty() ? "\"\"" : sb.toString();
        } else if (type.equals("CNAME") || type.equals("MX")) {
            data = value.endsWith(".") || value.startsWith("<") ? value : value + ".";
        } else {
            data = value;
        }
        return name + ". 300 IN " + type + " " + data;
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof DnsRecord && ((DnsRecord) o).name.equals(name) && ((DnsRecord) o).type.equals(type)
                && ((DnsRecord) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, value);
    }

    @Override
    public String toString() {
        return zoneLine();
    }
}
