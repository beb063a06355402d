package dev.tributary.ses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ClientSettings;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesEmulatorExtension;
import dev.tributary.testkit.StoredEmail;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetAccountResponse;

/** Proves the test kit's SES emulator accepts our SDK version's calls and stores what was sent. */
@ExtendWith(SesEmulatorExtension.class)
class SesEmulatorIT {
    private final LocalSes ses;
    private final SesV2Client client;

    SesEmulatorIT(LocalSes ses) {
        this.ses = ses;
        this.client = ClientSettings.local(ses.endpoint()).toBuilder()
                .apiCallTimeout(Duration.ofSeconds(5))
                .build()
                .applyTo(SesV2Client.builder())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @BeforeEach
    void clear() {
        ses.clearStore();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void sendEmail_simple_isStoredWithRecipientsAndBodies() {
        String id = client.sendEmail(b -> b.fromEmailAddress("Shop <shop@example.test>")
                        .destination(d -> d.toAddresses("ann@example.test").ccAddresses("bob@example.test"))
                        .content(c -> c.simple(m -> m.subject(s -> s.data("Welcome"))
                                .body(body -> body.text(t -> t.data("Hello Ann")).html(h -> h.data("<p>Hello</p>"))))))
                .messageId();

        assertThat(ses.emails()).singleElement().satisfies(e -> {
            assertThat(e.messageId()).isEqualTo(id);
            assertThat(e.to()).containsExactly("ann@example.test");
            assertThat(e.cc()).containsExactly("bob@example.test");
            assertThat(e.subject()).isEqualTo("Welcome");
            assertThat(e.text()).isEqualTo("Hello Ann");
            assertThat(e.html()).isEqualTo("<p>Hello</p>");
        });
    }

    @Test
    void getAccount_default_reportsQuota() {
        GetAccountResponse account = client.getAccount(b -> {});

        assertThat(account.sendQuota().maxSendRate()).isEqualTo(14.0);
        assertThat(account.sendQuota().max24HourSend()).isEqualTo(50_000.0);
        assertThat(account.productionAccessEnabled()).isTrue();
    }

    @Test
    void clearStore_afterSend_emptiesStore() {
        client.sendEmail(b -> b.fromEmailAddress("shop@example.test")
                .destination(d -> d.toAddresses("ann@example.test"))
                .content(c -> c.simple(m -> m.subject(s -> s.data("x")).body(body -> body.text(t -> t.data("y"))))));

        ses.clearStore();

        assertThat(ses.emails()).isEmpty();
        assertThat(ses.emails()).extracting(StoredEmail::subject).doesNotContain("x");
    }
}
