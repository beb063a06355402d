package dev.tributary.ses.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.ses.auth.internal.DnsSource.Type;
import dev.tributary.ses.auth.internal.SpfEvaluator;
import org.junit.jupiter.api.Test;

class SpfEvaluatorTest {
    private static final String SES = "v=spf1 ip4:199.255.192.0/22 ip4:54.240.0.0/18 -all";

    private static FakeDns dns() {
        return new FakeDns().txt("amazonses.com", SES).a("h.example.com", "192.0.2.1");
    }

    @Test
    void evaluate_sesRecord_countsOneLookupAndAuthorisesSes() {
        FakeDns dns = dns().txt("mail.example.com", "v=spf1 include:amazonses.com ~all");

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("mail.example.com");

        assertThat(r.record()).isNotNull();
        assertThat(r.lookups()).isEqualTo(1);
        assertThat(r.voidLookups()).isZero();
        assertThat(r.authorizesSes()).isTrue();
        assertThat(r.allQualifier()).isEqualTo('~');
        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void evaluate_nestedIncludes_countsEveryLookupTermRecursively() {
        FakeDns dns = dns()
                .txt("mail.example.com", "v=spf1 include:amazonses.com include:i1.example.com -all")
                .txt("i1.example.com", "v=spf1 a:h.example.com mx:example.com include:i2.example.com ptr ~all")
                .mx("example.com", "h.example.com")
                .txt("i2.example.com", "v=spf1 ip4:192.0.2.0/24 exists:h.example.com redirect=i3.example.com")
                .txt("i3.example.com", "v=spf1 a:h.example.com a:h.example.com a:h.example.com a:h.example.com "
                        + "-all");

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("mail.example.com");

        // top: 2; i1: a, mx, include, ptr = 4; i2: exists, redirect = 2; i3: 4 a  -> 12
        assertThat(r.lookups()).isEqualTo(12);
        assertThat(r.voidLookups()).isZero();
        assertThat(r.authorizesSes()).isTrue();
        assertThat(r.allQualifier()).isEqualTo('-');
        assertThat(r.warnings()).anyMatch(w -> w.contains("'ptr' is deprecated"));
        assertThat(r.errors()).isEmpty();
    }

    @Test
    void evaluate_namesWithoutRecords_countVoidLookups() {
        FakeDns dns = dns().txt("example.com", "v=spf1 a:gone1.example.com mx:gone2.example.com "
                + "exists:gone3.example.com include:amazonses.com -all")
                .txt("gone2.example.com", "not spf");

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        assertThat(r.lookups()).isEqualTo(4);
        assertThat(r.voidLookups()).isEqualTo(3);
    }

    @Test
    void evaluate_aWithoutAddresses_triesAaaaThenCountsVoid() {
        FakeDns dns = dns().txt("example.com", "v=spf1 a:v6.example.com -all").txt("v6.example.com", "x");

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        assertThat(r.voidLookups()).isEqualTo(1);
        assertThat(dns.log).contains("A v6.example.com", "AAAA v6.example.com");
    }

    @Test
    void evaluate_aWithOnlyAaaa_isNotVoid() {
        FakeDns dns = dns().txt("example.com", "v=spf1 a:v6.example.com -all")
                .record("v6.example.com", Type.AAAA, "2001:db8::1");

        assertThat(new SpfEvaluator(dns).evaluate("example.com").voidLookups()).isZero();
    }

    @Test
    void evaluate_includeWithoutSpfRecord_isPermerrorAndVoid() {
        FakeDns dns = dns().txt("example.com", "v=spf1 include:missing.example.com include:amazonses.com -all");

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        assertThat(r.voidLookups()).isEqualTo(1);
        assertThat(r.errors()).singleElement().asString().contains("include:missing.example.com")
                .contains("NXDOMAIN");
    }

    @Test
    void evaluate_includeLoop_isReportedAndStops() {
        FakeDns dns = dns().txt("a.example.com", "v=spf1 include:b.example.com -all")
                .txt("b.example.com", "v=spf1 include:a.example.com -all");

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("a.example.com");

        assertThat(r.errors()).anyMatch(e -> e.contains("loops"));
        assertThat(r.lookups()).isEqualTo(2);
    }

    @Test
    void evaluate_redirectIgnoredWhenAllPresent() {
        FakeDns dns = dns().txt("example.com", "v=spf1 include:amazonses.com ?all redirect=other.example.com");

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        assertThat(r.lookups()).isEqualTo(1);
        assertThat(r.allQualifier()).isEqualTo('?');
        assertThat(dns.log).doesNotContain("TXT other.example.com");
    }

    @Test
    void evaluate_redirectOnly_takesAllFromTarget() {
        FakeDns dns = dns().txt("example.com", "v=spf1 redirect=_spf.example.com")
                .txt("_spf.example.com", "v=spf1 include:amazonses.com +all");

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        assertThat(r.lookups()).isEqualTo(2);
        assertThat(r.allQualifier()).isEqualTo('+');
        assertThat(r.authorizesSes()).isTrue();
    }

    @Test
    void evaluate_macros_areCountedButNotQueried() {
        FakeDns dns = dns().txt("example.com", "v=spf1 exists:%{i}.spf.example.com include:amazonses.com -all");

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        assertThat(r.lookups()).isEqualTo(2);
        assertThat(dns.log).noneMatch(q -> q.contains("%"));
    }

    @Test
    void evaluate_twoRecords_areNotWalked() {
        FakeDns dns = dns().txt("example.com", "v=spf1 -all", "v=spf1 include:amazonses.com -all", "other");

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        assertThat(r.spfRecords()).hasSize(2);
        assertThat(r.record()).isNull();
        assertThat(r.lookups()).isZero();
    }

    @Test
    void evaluate_syntaxError_isReported() {
        FakeDns dns = dns().txt("example.com", "v=spf1 include:amazonses.com ip4:1.2.3 -all");

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        assertThat(r.record()).isNull();
        assertThat(r.syntaxError()).contains("ip4:1.2.3");
    }

    @Test
    void evaluate_includeTimesOut_isWarningNotError() {
        FakeDns dns = dns().txt("example.com", "v=spf1 include:slow.example.com include:amazonses.com -all")
                .fail("slow.example.com", Type.TXT, DnsStatus.TIMEOUT);

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).singleElement().asString().contains("TIMEOUT");
        assertThat(r.voidLookups()).isZero();
    }

    @Test
    void evaluate_sesIncludedOnlyWithMinus_doesNotAuthoriseSes() {
        FakeDns dns = dns().txt("example.com", "v=spf1 -include:amazonses.com ~all");

        assertThat(new SpfEvaluator(dns).evaluate("example.com").authorizesSes()).isFalse();
    }

    private static String terms(String format, int count) {
        StringBuilder b = new StringBuilder("v=spf1");
        for (int i = 0; i < count; i++) {
            b.append(' ').append(String.format(format, i));
        }
        return b.append(" -all").toString();
    }

    @Test
    void evaluate_hostileRecordWithManyATerms_stopsQueryingAtTheLookupLimit() {
        FakeDns dns = dns().txt("example.com", terms("a:h.example.com", 200));

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        assertThat(r.lookups()).isEqualTo(200); // counted from the record already read
        assertThat(r.stopped()).isTrue();
        assertThat(dns.queries).hasValue(1 + SpfEvaluator.MAX_LOOKUPS);
        assertThat(r.queries()).isEqualTo(dns.queries.get());
    }

    @Test
    void evaluate_hostileRecordWithManyMxTerms_stopsQueryingAtTheLookupLimit() {
        FakeDns dns = dns().txt("example.com", terms("mx:m%d.example.com", 50));
        for (int i = 0; i < 50; i++) {
            dns.mx("m" + i + ".example.com", "h.example.com");
        }

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        assertThat(r.lookups()).isEqualTo(50);
        assertThat(r.stopped()).isTrue();
        assertThat(dns.queries).hasValue(1 + SpfEvaluator.MAX_LOOKUPS);
    }

    @Test
    void evaluate_longIncludeChain_stopsAtTheLookupLimit() {
        FakeDns dns = dns();
        for (int i = 0; i < 100; i++) {
            dns.txt("i" + i + ".example.com", "v=spf1 a:h.example.com include:i" + (i + 1) + ".example.com "
                    + "mx:h.example.com -all");
        }

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("i0.example.com");

        assertThat(r.stopped()).isTrue();
        assertThat(r.lookups()).isGreaterThan(SpfEvaluator.MAX_LOOKUPS);
        assertThat(dns.queries.get()).isLessThanOrEqualTo(SpfEvaluator.MAX_QUERIES);
        assertThat(dns.log).doesNotContain("TXT i10.example.com");
    }

    @Test
    void evaluate_aTermsNeedingAaaa_neverExceedTheQueryCap() {
        FakeDns dns = dns().txt("example.com", terms("a:v%d.example.com", 30));
        for (int i = 0; i < 30; i++) {
            dns.record("v" + i + ".example.com", Type.AAAA, "2001:db8::" + (i + 1));
        }

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        // each a term costs A (no data) then AAAA: 10 terms, 2 queries each, plus the record
        assertThat(dns.queries).hasValue(SpfEvaluator.MAX_QUERIES);
        assertThat(r.voidLookups()).isZero();
        assertThat(r.lookups()).isEqualTo(30);
    }

    @Test
    void evaluate_manyVoidLookups_stopsAfterTheVoidLimit() {
        FakeDns dns = dns().txt("example.com", terms("a:gone%d.example.com", 20));

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        assertThat(r.voidLookups()).isEqualTo(SpfEvaluator.MAX_VOID_LOOKUPS + 1);
        assertThat(r.stopped()).isTrue();
        assertThat(dns.queries).hasValue(1 + SpfEvaluator.MAX_VOID_LOOKUPS + 1);
    }

    @Test
    void evaluate_mxWithMoreThanTenHosts_isPermerror() {
        FakeDns dns = dns().txt("example.com", "v=spf1 mx include:amazonses.com -all")
                .mx("example.com", "m1.example.com", "m2.example.com", "m3.example.com", "m4.example.com",
                        "m5.example.com", "m6.example.com", "m7.example.com", "m8.example.com", "m9.example.com",
                        "m10.example.com", "m11.example.com");

        SpfEvaluator.Result r = new SpfEvaluator(dns).evaluate("example.com");

        assertThat(r.errors()).singleElement().asString().contains("more than 10 MX hosts").contains("permerror");
    }
}
