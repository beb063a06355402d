package dev.tributary.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class LocalDnsIT {
    private static final String LONG_KEY = "v=DKIM1; k=rsa; p=" + "A".repeat(400);

    @RegisterExtension
    static LocalDnsExtension dns = LocalDnsExtension.of(LocalDns.builder()
            .zone("example.test")
            .txt("example.test", "v=spf1 include:amazonses.com ~all")
            .txt("sel._domainkey.example.test", LONG_KEY)
            .cname("tok1._domainkey.example.test", "tok1.dkim.amazonses.com")
            .mx("mail.example.test", "feedback-smtp.us-east-1.amazonses.com", 10));

    private static Lookup lookup(LocalDns server, String name, int type) throws Exception {
        SimpleResolver resolver = new SimpleResolver("127.0.0.1");
        resolver.setPort(server.port());
        Lookup l = new Lookup(Name.fromString(name + "."), type);
        l.setResolver(resolver);
        l.setCache(null);
        l.setSearchPath((Name[]) null);
        return l;
    }

    @Test
    void txt_spfRecord_isServed(LocalDns server) throws Exception {
        Record[] records = lookup(server, "example.test", Type.TXT).run();

        assertThat(records).hasSize(1);
        assertThat(((TXTRecord) records[0]).getStrings()).containsExactly("v=spf1 include:amazonses.com ~all");
    }

    @Test
    void txt_longValue_isSplitInto255ByteStrings(LocalDns server) throws Exception {
        Record[] records = lookup(server, "sel._domainkey.example.test", Type.TXT).run();

        List<String> strings = ((TXTRecord) records[0]).getStrings();
        assertThat(strings).hasSizeGreaterThan(1).allSatisfy(s -> assertThat(s.length()).isLessThanOrEqualTo(255));
        assertThat(String.join("", strings)).isEqualTo(LONG_KEY);
    }

    @Test
    void cnameAndMx_areServed(LocalDns server) throws Exception {
        Record[] cname = lookup(server, "tok1._domainkey.example.test", Type.CNAME).run();
        Record[] mx = lookup(server, "mail.example.test", Type.MX).run();

        assertThat(((CNAMERecord) cname[0]).getTarget().toString()).isEqualTo("tok1.dkim.amazonses.com.");
        assertThat(Arrays.stream(mx).map(r -> ((MXRecord) r).getTarget().toString()))
                .containsExactly("feedback-smtp.us-east-1.amazonses.com.");
    }

    @Test
    void unknownNameInZone_isNxdomain(LocalDns server) throws Exception {
        Lookup l = lookup(server, "_dmarc.example.test", Type.TXT);
        l.run();

        assertThat(l.getResult()).isEqualTo(Lookup.HOST_NOT_FOUND);
    }

    @Test
    void overTcp_sameAnswer(LocalDns server) throws Exception {
        SimpleResolver resolver = new SimpleResolver("127.0.0.1");
        resolver.setPort(server.port());
        resolver.setTCP(true);
        Lookup l = new Lookup(Name.fromString("example.test."), Type.TXT);
        l.setResolver(resolver);
        l.setCache(null);

        assertThat(l.run()).hasSize(1);
    }
}
