package dev.tributary.ses.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.ses.TestKeys;
import dev.tributary.ses.auth.internal.DkimKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DkimKeyTest {

    static String publicKey(int bits) {
        return TestKeys.publicKey(TestKeys.rsa(bits));
    }

    @Test
    void parse_2048BitKey_readsModulusLength() {
        DkimKey key = DkimKey.parse("v=DKIM1; k=rsa; p=" + publicKey(2048));

        assertThat(key.error()).isNull();
        assertThat(key.revoked()).isFalse();
        assertThat(key.bits()).isEqualTo(2048);
    }

    @Test
    void parse_512BitKeyWithoutVersion_readsModulusLength() {
        DkimKey key = DkimKey.parse("k=rsa; p=" + publicKey(512));

        assertThat(key.error()).isNull();
        assertThat(key.bits()).isEqualTo(512);
    }

    @Test
    void parse_keySplitWithWhitespace_isJoined() {
        String p = publicKey(1024);
        DkimKey key = DkimKey.parse("v=DKIM1; p=" + p.substring(0, 100) + " " + p.substring(100) + ";");

        assertThat(key.bits()).isEqualTo(1024);
    }

    @Test
    void parse_emptyP_isRevoked() {
        DkimKey key = DkimKey.parse("v=DKIM1; k=rsa; p=");

        assertThat(key.revoked()).isTrue();
        assertThat(key.error()).isNull();
    }

    @Test
    void parse_missingP_isAnError() {
        assertThat(DkimKey.parse("v=DKIM1; k=rsa").error()).contains("p=");
    }

    @Test
    void parse_notBase64_isAnError() {
        assertThat(DkimKey.parse("v=DKIM1; p=***").error()).contains("base64");
    }

    @Test
    void parse_base64ThatIsNoKey_isAnError() {
        assertThat(DkimKey.parse("v=DKIM1; p=aGVsbG8gd29ybGQ=").error()).contains("SubjectPublicKeyInfo");
    }

    @Test
    void parse_versionNotFirst_isAnError() {
        assertThat(DkimKey.parse("k=rsa; v=DKIM1; p=" + publicKey(1024)).error()).contains("v=");
    }

    @Test
    void parse_ed25519_isAnErrorForSes() {
        assertThat(DkimKey.parse("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=").error())
                .contains("RSA");
    }
}
