package dev.tributary.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {
    @Test
    void build_credentialsWithoutTls_isRefusedWithoutLeakingThem() {
        SmtpSettings.Builder b = SmtpSettings.builder().host("127.0.0.1").port(2525)
                .security(SmtpSettings.Security.NONE).credentials("smtp-user-x", "smtp-secret-y");

        assertThatThrownBy(b::build)
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("smtp.security")
                .hasMessageContaining("clear text")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("smtp-user-x", "smtp-secret-y"));
    }

    @Test
    void build_credentialsWithTlsOrNoCredentialsWithoutTls_isAccepted() {
        assertThat(SmtpSettings.builder().host("h").security(SmtpSettings.Security.STARTTLS)
                .credentials("u", "p").build().username()).contains("u");
        assertThat(SmtpSettings.builder().host("h").port(465).security(SmtpSettings.Security.IMPLICIT_TLS)
                .credentials("u", "p").build().security()).isEqualTo(SmtpSettings.Security.IMPLICIT_TLS);
        assertThat(SmtpSettings.builder().host("h").port(25).security(SmtpSettings.Security.NONE).build().username())
                .isEmpty();
    }

    @Test
    void mailerBuild_credentialsWithoutTls_failsBeforeAnyConnection() {
        // Port 9 (discard) on a documentation address: a connection attempt would hang or fail differently.
        assertThatThrownBy(() -> SesMailer.builder().smtp(SmtpSettings.builder().host("192.0.2.1").port(9)
                        .security(SmtpSettings.Security.NONE).credentials("u", "p").build()).build())
                .isInstanceOf(TributaryValidationException.class);
    }
}
