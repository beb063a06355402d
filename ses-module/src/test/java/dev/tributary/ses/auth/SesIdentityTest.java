package dev.tributary.ses.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.model.DkimAttributes;
import software.amazon.awssdk.services.sesv2.model.DkimSigningAttributesOrigin;
import software.amazon.awssdk.services.sesv2.model.DkimStatus;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.MailFromAttributes;

class SesIdentityTest {

    @Test
    void fromResponse_easyDkimWithMailFrom_copiesTokensStatusAndMailFrom() {
        GetEmailIdentityResponse response = GetEmailIdentityResponse.builder()
                .dkimAttributes(DkimAttributes.builder().tokens("t1", "t2", "t3").status(DkimStatus.SUCCESS)
                        .signingAttributesOrigin(DkimSigningAttributesOrigin.AWS_SES).build())
                .mailFromAttributes(MailFromAttributes.builder().mailFromDomain("Mail.Example.com").build())
                .build();

        SesIdentity id = SesIdentity.fromResponse("example.com", "us-east-1", response);

        assertThat(id.domain()).isEqualTo("example.com");
        assertThat(id.signingMode()).isEqualTo(SesIdentity.SigningMode.EASY);
        assertThat(id.dkimTokens()).containsExactly("t1", "t2", "t3");
        assertThat(id.dkimStatus()).contains("SUCCESS");
        assertThat(id.mailFromDomain()).contains("mail.example.com");
        assertThat(id.region()).contains("us-east-1");
    }

    @Test
    void fromResponse_externalOrigin_isByodkimWithSelectorFromTokens() {
        GetEmailIdentityResponse response = GetEmailIdentityResponse.builder()
                .dkimAttributes(DkimAttributes.builder().tokens("sel2024").status(DkimStatus.PENDING)
                        .signingAttributesOrigin(DkimSigningAttributesOrigin.EXTERNAL).build())
                .build();

        SesIdentity id = SesIdentity.fromResponse("example.com", null, response);

        assertThat(id.signingMode()).isEqualTo(SesIdentity.SigningMode.BYODKIM);
        assertThat(id.selector()).contains("sel2024");
        assertThat(id.dkimTokens()).isEmpty();
        assertThat(id.dkimStatus()).contains("PENDING");
        assertThat(id.mailFromDomain()).isEmpty();
        assertThat(id.region()).isEmpty();
    }

    @Test
    void fromResponse_noDkimAttributes_isDomainOnly() {
        SesIdentity id = SesIdentity.fromResponse("example.com", "eu-west-1", GetEmailIdentityResponse.builder().build());

        assertThat(id.dkimTokens()).isEmpty();
        assertThat(id.dkimStatus()).isEmpty();
        assertThat(id.signingMode()).isEqualTo(SesIdentity.SigningMode.EASY);
    }

    @Test
    void build_byodkimWithoutSelector_isRejected() {
        assertThatThrownBy(() -> SesIdentity.builder("example.com").signingMode(SesIdentity.SigningMode.BYODKIM).build())
                .isInstanceOf(TributaryValidationException.class).hasMessageStartingWith("selector:");
    }

    @Test
    void build_tokenWithDot_isRejected() {
        assertThatThrownBy(() -> SesIdentity.builder("example.com").dkimTokens(List.of("ok", "bad.token")).build())
                .isInstanceOf(TributaryValidationException.class).hasMessageStartingWith("dkimTokens[1]:");
    }

    @Test
    void toBuilder_copiesEveryField() {
        SesIdentity id = SesIdentity.builder("example.com").byodkim("s1").dkimStatus("success")
                .mailFromDomain("bounce.example.com").region("eu-west-1").build();

        assertThat(id.toBuilder().build()).usingRecursiveComparison().isEqualTo(id);
        assertThat(id.dkimStatus()).contains("SUCCESS");
    }
}
