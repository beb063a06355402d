package dev.tributary.ses.cli;

import dev.tributary.testkit.LocalDns;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/** Test DNS: a domain that passes, one without DKIM records, a BYODKIM domain and a zone that SERVFAILs. */
final class Zones {
    static final String SES_SPF = "v=spf1 ip4:199.255.192.0/22 ip4:54.240.0.0/18 -all";
    static final String FEEDBACK = "feedback-smtp.us-east-1.amazonses.com";
    static final String BYODKIM_KEY = rsaPublicKey();

    private Zones() {}

    static LocalDns.Builder records() {
        LocalDns.Builder b = LocalDns.builder().zone("amazonses.com").txt("amazonses.com", SES_SPF);
        for (String d : List.of("good.test", "nodkim.test")) {
            b.zone(d);
            if (d.equals("good.test")) {
                for (String t : List.of("t1", "t2", "t3")) {
                    b.cname(t + "._domainkey." + d, t + ".dkim.amazonses.com");
                }
            }
            b.mx("mail." + d, FEEDBACK, 10).txt("mail." + d, "v=spf1 include:amazonses.com ~all")
                    .txt("_dmarc." + d, "v=DMARC1; p=reject; rua=mailto:dmarc@" + d);
        }
        b.zone("byodkim.test").txt("sel1._domainkey.byodkim.test", "v=DKIM1; k=rsa; p=" + BYODKIM_KEY)
                .txt("_dmarc.byodkim.test", "v=DMARC1; p=quarantine");
        b.failing("down.test");
        return b;
    }

    private static String rsaPublicKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
