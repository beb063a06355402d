package dev.tributary.examples.welcome;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.ses.SesMailer;
import dev.tributary.ses.SesOptions;
import dev.tributary.testkit.DynamoDbLocalExtension;
import dev.tributary.testkit.LocalDynamoDb;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesEmulatorExtension;
import dev.tributary.testkit.StoredEmail;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** Registration -> stream -> idempotent handler -> SES: one welcome mail per user, even after a full replay. */
@ExtendWith({DynamoDbLocalExtension.class, SesEmulatorExtension.class})
class WelcomeEmailIT {

    @Test
    void demo_twentyUsersAndFullReplay_sendsExactlyTwentyMails(LocalDynamoDb dynamo, LocalSes ses) throws Exception {
        ses.clearStore();
        Options flags = CommandLine.populateCommand(new Options(), "demo", "--enforce");
        try (Backends backends = Backends.of(dynamo, ses); SenderCheck check = SenderCheck.create(flags);
                SesMailer mailer = SesMailer.builder().clientSettings(backends.sesSettings())
                        .options(SesOptions.builder().senderDomainGuard(check.guard()).build()).build()) {
            Welcome welcome = new Welcome(backends.dynamo(), backends.streams(), mailer, "users-" + System.nanoTime(),
                    "Tributary <welcome@example.test>");
            welcome.ensureTables();

            WelcomeEmail.DemoResult r = WelcomeEmail.demo(welcome, check, backends, 20);

            assertThat(r.senderDomain()).isEqualTo("PASS");
            assertThat(r.registered()).isEqualTo(20);
            assertThat(r.sent()).isEqualTo(20);
            assertThat(r.replayedRecords()).isGreaterThanOrEqualTo(20);
            assertThat(r.sentOnReplay()).isZero();
            assertThat(welcome.inserts()).isGreaterThanOrEqualTo(40);
            List<StoredEmail> mails = ses.emails();
            assertThat(mails).hasSize(20);
            assertThat(mails).flatExtracting(StoredEmail::to).doesNotHaveDuplicates().hasSize(20)
                    .contains("user1@example.com", "user20@example.com");
            assertThat(mails).extracting(StoredEmail::subject).contains("Welcome, User 7!");

            // Registering an existing user again changes nothing.
            assertThat(welcome.register("user3@example.com", "User 3")).isEmpty();
        }
    }

    @Test
    void userId_sameAddressAnyCase_isStableAndHidesTheAddress() {
        assertThat(Welcome.userId(" Ann@Example.com")).isEqualTo(Welcome.userId("ann@example.com"))
                .startsWith("u-").doesNotContain("ann");
    }
}
