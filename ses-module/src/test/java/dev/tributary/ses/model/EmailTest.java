package dev.tributary.ses.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.core.TributaryValidationException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class EmailTest {

    private static Email.Builder valid() {
        return Email.builder().from("Shop <shop@example.com>").to("ann@example.com").subject("Hi").text("body");
    }

    @Test
    void parse_idnDomain_isEncodedAsPunycode() {
        EmailAddress a = EmailAddress.of("Jürgen <jurgen@bücher.example>");

        assertThat(a.address()).isEqualTo("jurgen@xn--bcher-kva.example");
        assertThat(a.displayName()).contains("Jürgen");
        assertThat(a.toHeaderValue()).startsWith("=?UTF-8?").endsWith("<jurgen@xn--bcher-kva.example>");
    }

    @Test
    void parse_nonAsciiLocalPart_isRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> EmailAddress.parse("to[0]", "jürgen@example.com"))
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("to[0]")
                .hasMessageNotContaining("jürgen");
    }

    @Test
    void parse_invalidAddresses_areRefused() {
        for (String bad : new String[] {"no-at-sign", "a@", "@b.com", "a@localhost", "a b@example.com", "a@exa mple.com"}) {
            assertThatThrownBy(() -> EmailAddress.of(bad)).as(bad).isInstanceOf(TributaryValidationException.class);
        }
    }

    @Test
    void build_crlfInSubjectHeaderOrDisplayName_isRefused() {
        assertThatThrownBy(() -> valid().subject("Hi\r\nBcc: victim@example.com").build())
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("subject");
        assertThatThrownBy(() -> valid().header("X-Custom", "a\nb"))
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("X-Custom");
        assertThatThrownBy(() -> EmailAddress.of("ann@example.com", "Ann\r\nBcc: x"))
                .isInstanceOf(TributaryValidationException.class);
        assertThatThrownBy(() -> Email.builder().from("a@example.com\r\nBcc: b@example.com"))
                .isInstanceOf(TributaryValidationException.class);
    }

    @Test
    void build_noRecipients_isRefused() {
        assertThatThrownBy(() -> Email.builder().from("a@example.com").subject("s").text("t").build())
                .isInstanceOf(TributaryValidationException.class)
                .satisfies(e -> assertThat(((TributaryValidationException) e).field()).isEqualTo("to"));
    }

    @Test
    void build_moreThan50Recipients_isRefused() {
        Email.Builder b = valid();
        for (int i = 0; i < 50; i++) {
            b.bcc("r" + i + "@example.com");
        }
        assertThatThrownBy(b::build).isInstanceOf(TributaryValidationException.class).hasMessageContaining("50");
    }

    @Test
    void build_noBody_isRefused() {
        assertThatThrownBy(() -> Email.builder().from("a@example.com").to("b@example.com").subject("s").build())
                .isInstanceOf(TributaryValidationException.class).hasMessageContaining("body");
    }

    @Test
    void attachment_blockedType_isRefusedNamingTheFile() {
        assertThatThrownBy(() -> Attachment.of("setup.EXE", "application/octet-stream", new byte[] {1}))
                .isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("setup.EXE")
                .hasMessageContaining(".exe");
    }

    @Test
    void header_reservedName_isRefused() {
        assertThatThrownBy(() -> valid().header("Subject", "x")).isInstanceOf(TributaryValidationException.class);
        assertThatThrownBy(() -> valid().header("Bad Name", "x")).isInstanceOf(TributaryValidationException.class);
    }

    @Test
    void listUnsubscribe_httpsUrl_addsOneClickPostHeader() {
        Email e = valid().listUnsubscribe("mailto:unsub@example.com", "https://example.com/u/1").build();

        assertThat(e.headers())
                .containsEntry("List-Unsubscribe", "<mailto:unsub@example.com>, <https://example.com/u/1>")
                .containsEntry("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
    }

    @Test
    void tag_invalidCharacters_areRefused() {
        assertThatThrownBy(() -> valid().tag("flow", "has space")).isInstanceOf(TributaryValidationException.class);
    }

    @Test
    void toString_always_hidesAddressesSubjectAndBody() {
        Email e = valid().subject("Secret subject").text("secret body").build();

        assertThat(e.toString()).doesNotContain("ann@", "shop@", "Secret subject", "secret body");
        assertThat(e.from().toString()).doesNotContain("shop@");
    }

    @Test
    void attachment_content_isCopiedInAndOut() {
        byte[] bytes = {1, 2, 3};
        Attachment a = Attachment.of("a.csv", "text/csv", bytes);
        bytes[0] = 9;
        a.content()[1] = 9;

        assertThat(a.content()).containsExactly(1, 2, 3);
    }

    @Test
    void withoutRecipients_templated_keepsEveryOtherFieldAndDropsCaseInsensitively() {
        TemplatedEmail e = TemplatedEmail.builder().from("Shop <shop@example.com>").to("Ann@example.com", "bob@example.com")
                .cc("cc@example.com").replyTo("help@example.com").template("welcome").data(java.util.Map.of("n", 1))
                .tag("flow", "welcome").configurationSet("tx").listManagement(ListManagement.of("news", "weekly"))
                .build();

        TemplatedEmail left = e.withoutRecipients(java.util.List.of("ann@EXAMPLE.com", "cc@example.com")).orElseThrow();

        assertThat(left.allRecipients()).extracting(EmailAddress::address).containsExactly("bob@example.com");
        assertThat(left).usingRecursiveComparison().ignoringFields("to", "cc").isEqualTo(e);
        assertThat(e.withoutRecipients(java.util.List.of("ann@example.com", "bob@example.com", "cc@example.com")))
                .isEmpty();
    }

    @Test
    void toBuilder_bulk_copiesEveryFieldAndClearDestinationsReplacesThem() {
        BulkEmail bulk = BulkEmail.builder().from("shop@example.com").replyTo("help@example.com").template("t")
                .defaultData(java.util.Map.of("n", 0)).tag("flow", "promo").configurationSet("tx")
                .destination(BulkDestination.to("a@example.com", java.util.Map.of("n", 1))).build();

        BulkEmail copy = bulk.toBuilder().build();
        BulkEmail other = bulk.toBuilder().clearDestinations()
                .destination(BulkDestination.to("b@example.com", java.util.Map.of("n", 2))).build();

        assertThat(copy).usingRecursiveComparison().isEqualTo(bulk);
        assertThat(other).usingRecursiveComparison().ignoringFields("destinations").isEqualTo(bulk);
        assertThat(other.destinations()).singleElement().satisfies(d ->
                assertThat(d.to()).extracting(EmailAddress::address).containsExactly("b@example.com"));
    }

    @Test
    void build_templateMissing_namesTheFieldAsRequiredForBothTemplatedKinds() {
        TemplatedEmail.Builder single = TemplatedEmail.builder().from("shop@example.com").to("a@example.com");
        BulkEmail.Builder bulk = BulkEmail.builder().from("shop@example.com")
                .destination(BulkDestination.to("a@example.com", java.util.Map.of("n", 1)));

        assertTemplateRequired(single::build);
        assertTemplateRequired(bulk::build);
        assertThatThrownBy(() -> single.template("has space").build()).isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("1-256 characters");
    }

    private static void assertTemplateRequired(ThrowingCallable build) {
        assertThatThrownBy(build).isInstanceOf(TributaryValidationException.class)
                .hasMessageContaining("is required")
                .satisfies(e -> assertThat(((TributaryValidationException) e).field()).isEqualTo("template"));
    }
}
