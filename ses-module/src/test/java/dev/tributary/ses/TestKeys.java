package dev.tributary.ses;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

/** RSA keys for the signing tests (SNS messages, DKIM): made fresh, never stored. */
public final class TestKeys {
    private TestKeys() {}

    /**
     * Generates an RSA key pair.
     *
     * @param bits the modulus length, such as 2048
     * @return the pair
     */
    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the public key as a DKIM record's {@code p=} value: base64 of its X.509 encoding. */
    public static String publicKey(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }
}
