package dev.tributary.ses.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DmarcRecordTest {

    @Test
    void parse_fullRecord_readsEveryTag() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1; p=Quarantine; sp=reject; pct=50; "
                + "rua=mailto:agg@example.com,mailto:agg@reports.example.net!10m; ruf=mailto:f@example.com; "
                + "adkim=s; aspf=r; fo=1;");

        assertThat(r.policy()).isEqualTo(DmarcRecord.Policy.QUARANTINE);
        assertThat(r.subdomainPolicy()).contains(DmarcRecord.Policy.REJECT);
        assertThat(r.pct()).isEqualTo(50);
        assertThat(r.rua()).containsExactly("mailto:agg@example.com", "mailto:agg@reports.example.net!10m");
        assertThat(r.ruf()).containsExactly("mailto:f@example.com");
        assertThat(r.dkimMode()).isEqualTo(DmarcRecord.Mode.STRICT);
        assertThat(r.spfMode()).isEqualTo(DmarcRecord.Mode.RELAXED);
    }

    @Test
    void parse_minimalRecord_usesDefaults() {
        DmarcRecord r = DmarcRecord.parse("v=DMARC1;p=none");

        assertThat(r.policy()).isEqualTo(DmarcRecord.Policy.NONE);
        assertThat(r.subdomainPolicy()).isEmpty();
        assertThat(r.pct()).isEqualTo(100);
        assertThat(r.rua()).isEmpty();
        assertThat(r.dkimMode()).isEqualTo(DmarcRecord.Mode.RELAXED);
        assertThat(r.spfMode()).isEqualTo(DmarcRecord.Mode.RELAXED);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "v=DMARC1; rua=mailto:a@example.com | dmarc.p",
        "p=reject; v=DMARC1 | dmarc.v",
        "v=dmarc1; p=reject | dmarc.v",
        "v=DMARC1; p=block | dmarc.p",
        "v=DMARC1; p=reject; pct=150 | dmarc.pct",
        "v=DMARC1; p=reject; adkim=x | dmarc.adkim",
        "v=DMARC1; p=reject; p=none | dmarc.p",
        "v=DMARC1; p=reject; rua=dmarc@example.com | dmarc.rua",
        "v=DMARC1; ; p=reject | dmarc"
    })
    void parse_invalidRecord_namesTheTag(String record, String field) {
        assertThatThrownBy(() -> DmarcRecord.parse(record)).isInstanceOf(TributaryValidationException.class)
                .satisfies(e -> assertThat(((TributaryValidationException) e).field()).isEqualTo(field));
    }

    @Test
    void parse_invalidRua_doesNotEchoTheAddress() {
        assertThatThrownBy(() -> DmarcRecord.parse("v=DMARC1; p=reject; rua=secret@example.com"))
                .hasMessageNotContaining("secret");
    }
}
