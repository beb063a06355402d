package dev.tributary.ses.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.TestKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DkimVerifierTest {
    private static final String KEY_NAME = "sel._domainkey.example.test";
    private static final String MESSAGE = "From: Ann <ann@example.test>\r\n"
            + "To: bob@example.org\r\n"
            + "Subject: Invoice 42\r\n"
            + "Date: Tue, 05 Mar 2024 09:15:00 +0000\r\n"
            + "Message-ID: <invoice-42@example.test>\r\n"
            + "\r\n"
            + "Please find the invoice total: 12.00 EUR\r\n";

    private static KeyPair keys;
    private static String signed;
    private static DkimKeySource published;

    @BeforeAll
    static void sign() throws Exception {
        keys = TestKeys.rsa(2048);
        DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; q=dns/txt; c=relaxed/relaxed; s=sel; d=example.test; "
                + "h=from:to:subject:date:message-id; bh=; b=;", keys.getPrivate());
        String header = signer.sign(new ByteArrayInputStream(MESSAGE.getBytes(StandardCharsets.US_ASCII)));
        signed = header + "\r\n" + MESSAGE;
        published = DkimKeySource.of(Map.of(KEY_NAME,
                "v=DKIM1; k=rsa; p=" + TestKeys.publicKey(keys)));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void verify_signedMessage_passesWithDomainAndSelector() {
        DkimResult r = DkimVerifier.create(published).verify(bytes(signed));

        assertThat(r).isEqualTo(new DkimResult(DkimStatus.PASS, "example.test", "sel", null));
        assertThat(r.passed()).isTrue();
    }

    @Test
    void verify_tamperedBody_failsWithBodyHashReason() {
        DkimResult r = DkimVerifier.create(published).verify(bytes(signed.replace("12.00", "1200.00")));

        assertThat(r.status()).isEqualTo(DkimStatus.FAIL);
        assertThat(r.domain()).isEqualTo("example.test");
        assertThat(r.selector()).isEqualTo("sel");
        assertThat(r.failureReason()).hasValueSatisfying(why -> assertThat(why).containsIgnoringCase("bodyhash"));
    }

    @Test
    void verify_tamperedSignedHeader_fails() {
        DkimResult r = DkimVerifier.create(published).verify(bytes(signed.replace("Invoice 42", "Invoice 43")));

        assertThat(r.status()).isEqualTo(DkimStatus.FAIL);
    }

    @Test
    void verify_unsignedMessage_isNone() {
        DkimResult r = DkimVerifier.create(published).verify(bytes(MESSAGE));

        assertThat(r).isEqualTo(new DkimResult(DkimStatus.NONE, null, null, null));
    }

    @Test
    void verify_keyNotPublished_failsSayingNoKey() {
        DkimResult r = DkimVerifier.create(DkimKeySource.of(Map.of())).verify(bytes(signed));

        assertThat(r.status()).isEqualTo(DkimStatus.FAIL);
        assertThat(r.reason()).contains("no key");
    }

    @Test
    void verify_lookupFailsTemporarily_isTempError() {
        DkimKeySource down = name -> {
            throw new IOException("timed out");
        };

        DkimResult r = DkimVerifier.create(down).verify(bytes(signed));

        assertThat(r.status()).isEqualTo(DkimStatus.TEMPERROR);
        assertThat(r.domain()).isEqualTo("example.test");
        assertThat(r.reason()).contains("timed out");
    }

    @Test
    void verify_wrongKeyPublished_fails() throws Exception {
        String other = TestKeys.publicKey(TestKeys.rsa(2048));

        DkimResult r = DkimVerifier.create(DkimKeySource.of(Map.of(KEY_NAME, "v=DKIM1; k=rsa; p=" + other)))
                .verify(bytes(signed));

        assertThat(r.status()).isEqualTo(DkimStatus.FAIL);
    }

    /** Returns the signed message with {@code extra} copies of its signature (unknown selectors) added above. */
    private static String withForgedSignatures(int extra) {
        int end = signed.indexOf("\r\n" + "From:");
        String header = signed.substring(0, end);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < extra; i++) {
            out.append(header.replace("s=sel;", "s=bad" + i + ";")).append("\r\n");
        }
        return out + signed;
    }

    private static DkimKeySource counting(List<String> lookups) {
        return name -> {
            synchronized (lookups) {
                lookups.add(name);
            }
            return published.txtRecords(name);
        };
    }

    @Test
    void verify_fiftySignatures_checksOnlyTheFirstFiveAndReportsTheRest() {
        List<String> lookups = new ArrayList<>();

        DkimResult r = DkimVerifier.create(counting(lookups)).verify(bytes(withForgedSignatures(50)));

        assertThat(lookups).hasSize(DkimVerifier.DEFAULT_MAX_SIGNATURES).allMatch(n -> n.startsWith("bad"));
        assertThat(r.status()).isEqualTo(DkimStatus.FAIL); // the good signature is the 51st: never reached
        assertThat(r.signatures()).isEqualTo(51);
        assertThat(r.checked()).isEqualTo(5);
        assertThat(r.notChecked()).isEqualTo(46);
        assertThat(r.reason()).contains("46 more signatures not checked");
    }

    @Test
    void verify_goodSignatureWithinTheLimit_passes() {
        List<String> lookups = new ArrayList<>();

        DkimResult r = DkimVerifier.create(counting(lookups)).withMaxSignatures(3)
                .verify(bytes(withForgedSignatures(2)));

        assertThat(r.status()).isEqualTo(DkimStatus.PASS);
        assertThat(r.selector()).isEqualTo("sel");
        assertThat(r.checked()).isEqualTo(3);
        assertThat(r.notChecked()).isZero();
        assertThat(lookups).hasSize(3);
    }

    @Test
    void verify_goodSignatureBeyondAConfiguredLimit_isNotChecked() {
        DkimResult r = DkimVerifier.create(published).withMaxSignatures(2).verify(bytes(withForgedSignatures(2)));

        assertThat(r.status()).isEqualTo(DkimStatus.FAIL);
        assertThat(r.notChecked()).isEqualTo(1);
    }

    @Test
    void withMaxSignatures_outOfRange_isRejected() {
        DkimVerifier v = DkimVerifier.create(published);

        assertThatThrownBy(() -> v.withMaxSignatures(0)).isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("maxSignatures");
        assertThatThrownBy(() -> v.withMaxSignatures(DkimVerifier.LIMIT_MAX_SIGNATURES + 1))
                .isInstanceOf(TributaryValidationException.class);
        assertThat(v.maxSignatures()).isEqualTo(DkimVerifier.DEFAULT_MAX_SIGNATURES);
    }

    @Test
    void create_invalidDnsServer_namesTheFormat() {
        assertThatThrownBy(() -> DkimVerifier.create("127.0.0.1:notaport"))
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> DkimVerifier.create(" "))
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("dnsServer");
        assertThatThrownBy(() -> DkimVerifier.create("127.0.0.1:70000"))
                .isInstanceOf(TributaryValidationException.class);
    }

    @Test
    void create_validDnsServerForms_areAccepted() {
        assertThat(DkimVerifier.create("127.0.0.1").toString()).contains("127.0.0.1:53");
        assertThat(DkimVerifier.create("127.0.0.1:5353").toString()).contains("127.0.0.1:5353");
        assertThat(DkimVerifier.create("[::1]:5353").toString()).contains("5353");
    }
}
