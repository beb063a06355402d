package dev.tributary.ses.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.auth.internal.Domains;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainsTest {

    @ParameterizedTest
    @CsvSource({
        "example.com, example.com",
        "mail.example.com, example.com",
        "a.b.mail.example.com, example.com",
        "example.co.uk, example.co.uk",
        "news.example.co.uk, example.co.uk",
        "shop.example.com.au, example.com.au",
        "co.uk, co.uk",
        "good.test, good.test",
        "mail.good.test, good.test",
        "a.b.example.com.au, example.com.au",
        "mail.example.gov.br, example.gov.br",
        "www.example.ac.za, example.ac.za",
        "a.b.c.example.kawasaki.jp, c.example.kawasaki.jp",
        "www.city.kawasaki.jp, city.kawasaki.jp",
        "foo.github.io, foo.github.io",
        "www.foo.github.io, foo.github.io",
        "github.io, github.io",
        "shop.example.blogspot.com, example.blogspot.com",
        "mail.example.xn--p1ai, example.xn--p1ai"
    })
    void organizational_publicSuffixList_keepsTheRightLabels(String domain, String expected) {
        assertThat(Domains.organizational(domain)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({
        "Example.COM., example.com",
        "sender@Mail.Example.com, mail.example.com",
        "<sender@example.com>, example.com",
        "bücher.example, xn--bcher-kva.example"
    })
    void normalize_domainsAndAddresses_giveLowerCaseAscii(String input, String expected) {
        assertThat(Domains.normalize(input, "domain")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "localhost", "exa mple.com", "-bad.example.com", "a..b.com", "user@"})
    void normalize_invalid_throwsWithoutEchoingInput(String input) {
        assertThatThrownBy(() -> Domains.normalize(input, "domain")).isInstanceOf(TributaryValidationException.class)
                .hasMessageStartingWith("domain: must be a domain name");
    }
}
