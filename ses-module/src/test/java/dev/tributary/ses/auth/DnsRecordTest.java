package dev.tributary.ses.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DnsRecordTest {

    @Test
    void zoneLine_longTxt_isSplitInto255CharacterStrings() {
        String value = "v=DKIM1; k=rsa; p=" + "A".repeat(400);

        String line = DnsRecord.of("s1._domainkey.example.com", "txt", value).zoneLine();

        assertThat(line).startsWith("s1._domainkey.example.com. 300 IN TXT \"v=DKIM1; k=rsa; p=AAA");
        assertThat(line).contains("\" \"");
        assertThat(line.replace("\" \"", "")).endsWith(value + "\"");
    }

    @Test
    void zoneLine_cnameAndMx_getTrailingDots() {
        assertThat(DnsRecord.of("t._domainkey.example.com", "CNAME", "t.dkim.amazonses.com").zoneLine())
                .isEqualTo("t._domainkey.example.com. 300 IN CNAME t.dkim.amazonses.com.");
        assertThat(DnsRecord.of("mail.example.com", "MX", "10 feedback-smtp.us-east-1.amazonses.com").zoneLine())
                .isEqualTo("mail.example.com. 300 IN MX 10 feedback-smtp.us-east-1.amazonses.com.");
    }
}
