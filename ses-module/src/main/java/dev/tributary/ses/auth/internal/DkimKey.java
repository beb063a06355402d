package dev.tributary.ses.auth.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A parsed DKIM key record (RFC 6376 section 3.6.1) as published for BYODKIM.
 *
 * @param error why the record is unusable, or null when it parsed
 * @param revoked whether {@code p=} is empty (the key was revoked)
 * @param keyType the {@code k=} value, {@code rsa} by default
 * @param bits the RSA modulus length, or 0 when not known
 */
public record DkimKey(@Nullable String error, boolean revoked, String keyType, int bits) {
    /**
     * Parses a DKIM key record: tags {@code v} (optional, first, DKIM1), {@code k} (default rsa) and {@code p}
     * (base64 of an X.509 SubjectPublicKeyInfo; whitespace ignored).
     *
     * @param text the TXT record, strings joined
     * @return the key; {@link #error()} says what is wrong, nothing is thrown
     */
    public static DkimKey parse(String text) {
        Map<String, String> tags = new HashMap<>();
        String[] parts = text.split(";");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i].trim();
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                return invalid("tag " + (i + 1) + " is not name=value");
            }
            String name = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = part.substring(eq + 1).replaceAll("\\s+", "");
            if (name.equals("v") && (i != 0 || !value.equals("DKIM1"))) {
                return invalid("v= must be the first tag and be DKIM1");
            }
            if (tags.put(name, value) != null) {
                return invalid("tag " + name + "= appears twice");
            }
        }
        String k = tags.getOrDefault("k", "rsa").toLowerCase(Locale.ROOT);
        String p = tags.get("p");
        if (p == null) {
            return invalid("the p= tag (the public key) is missing");
        }
        if (p.isEmpty()) {
            return new DkimKey(null, true, k, 0);
        }
        if (!k.equals("rsa")) {
            return new DkimKey("SES BYODKIM needs an RSA key (k=rsa), not k=" + k, false, k, 0);
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(p);
        } catch (IllegalArgumentException e) {
            return invalid("p= is not valid base64");
        }
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            return new DkimKey(null, false, k, ((RSAPublicKey) key).getModulus().bitLength());
        } catch (GeneralSecurityException | ClassCastException e) {
            return invalid("p= is not a base64 RSA public key in SubjectPublicKeyInfo (X.509) form");
        }
    }

    private static DkimKey invalid(String error) {
        return new DkimKey(error, false, "rsa", 0);
    }
}
