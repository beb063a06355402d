package dev.tributary.ses.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.ses.auth.internal.SpfRecord;
import dev.tributary.ses.auth.internal.SpfRecord.Mechanism;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpfRecordTest {

    @Test
    void parse_typicalRecord_readsDirectivesAndQualifiers() {
        SpfRecord r = SpfRecord.parse("v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 a mx:Example.com/24 "
                + "include:amazonses.com -ptr ~all");

        assertThat(r.directives()).extracting(SpfRecord.Directive::mechanism)
                .containsExactly(Mechanism.IP4, Mechanism.IP6, Mechanism.A, Mechanism.MX, Mechanism.INCLUDE,
                        Mechanism.PTR, Mechanism.ALL);
        assertThat(r.directives().get(3).domain()).isEqualTo("example.com");
        assertThat(r.directives().get(2).domain()).isNull();
        assertThat(r.directives().get(5).qualifier()).isEqualTo('-');
        assertThat(r.all()).get().extracting(SpfRecord.Directive::qualifier).isEqualTo('~');
        assertThat(r.redirect()).isEmpty();
    }

    @Test
    void parse_redirectAndMacros_areAccepted() {
        SpfRecord r = SpfRecord.parse("V=SPF1 exists:%{i}._spf.%{d} redirect=_spf.example.com exp=explain.%{d}");

        assertThat(r.redirect()).contains("_spf.example.com");
        assertThat(r.directives()).hasSize(1);
        assertThat(SpfRecord.hasMacro(r.directives().get(0).domain())).isTrue();
    }

    @Test
    void parse_dualCidrOnA_isAccepted() {
        assertThat(SpfRecord.parse("v=spf1 a:mail.example.com/24//64 a//64 -all").directives()).hasSize(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "v=spf1 foo:example.com -all",
        "v=spf1 include -all",
        "v=spf1 include: -all",
        "v=spf1 ip4:300.1.1.1 -all",
        "v=spf1 ip4:192.0.2.0/33 -all",
        "v=spf1 ip6:zz::1 -all",
        "v=spf1 a:example.com/40 -all",
        "v=spf1 all:example.com",
        "v=spf1 redirect=a.example.com redirect=b.example.com",
        "v=spf1 include:%{z}.example.com -all",
        "v=spf1 include:bad_domain -all",
        "spf1 -all"
    })
    void parse_invalidRecord_throwsWithReason(String record) {
        assertThatThrownBy(() -> SpfRecord.parse(record)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("null");
    }

    @Test
    void parse_unknownMechanism_namesTheTerm() {
        assertThatThrownBy(() -> SpfRecord.parse("v=spf1 include:amazonses.com ipv4:192.0.2.1 -all"))
                .hasMessageContaining("'ipv4:192.0.2.1'");
    }

    @Test
    void isSpf_recognisesOnlyVersion1Records() {
        assertThat(SpfRecord.isSpf("v=spf1 -all")).isTrue();
        assertThat(SpfRecord.isSpf("v=spf1")).isTrue();
        assertThat(SpfRecord.isSpf("v=spf10 -all")).isFalse();
        assertThat(SpfRecord.isSpf("google-site-verification=abc")).isFalse();
    }
}
