package dev.tributary.ses.auth;

import java.util.Locale;
import java.util.Objects;

/**
 * A DNS record to publish, as a finding's fix: owner name, type and value. Immutable; equal when all three are.
 *
 * <p>{@link #zoneLine()} gives it in zone-file form, for example
 * {@code _dmarc.example.com. 300 IN TXT "v=DMARC1; p=quarantine"}. A value in angle brackets, such as
 * {@code <your public key>}, is a placeholder the user must fill in.
 *
 * @param name the owner name, without a trailing dot
 * @param type the record type, upper case, such as {@code TXT}, {@code CNAME} or {@code MX}
 * @param value the value as a DNS console expects it: TXT text unquoted and not split into 255-character
 *     strings, a CNAME target, or {@code <preference> <host>} for MX
 */
public record DnsRecord(String name, String type, String value) {
    /** Checks the components and upper-cases the type. */
    public DnsRecord {
        Objects.requireNonNull(name, "name");
        type = Objects.requireNonNull(type, "type").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(value, "value");
    }

    /**
     * Creates a record.
     *
     * @param name the owner name, without a trailing dot
     * @param type the record type, such as {@code TXT}, {@code CNAME} or {@code MX} (any case)
     * @param value the value as a DNS console expects it: TXT text without quotes, a CNAME target, or
     *     {@code <preference> <host>} for MX
     * @return the record
     */
    public static DnsRecord of(String name, String type, String value) {
        return new DnsRecord(name, type, value);
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
    public String toString() {
        return zoneLine();
    }
}
