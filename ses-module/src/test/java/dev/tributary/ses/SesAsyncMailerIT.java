package dev.tributary.ses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tributary.ses.model.BulkDestination;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailTemplate;
import dev.tributary.ses.model.TemplatedEmail;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesEmulatorExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SesEmulatorExtension.class)
class SesAsyncMailerIT {
    private final LocalSes ses;
    @AutoClose
    private final SesAsyncMailer mailer;

    SesAsyncMailerIT(LocalSes ses) {
        this.ses = ses;
        this.mailer = SesAsyncMailer.builder().clientSettings(SesMailerIT.settings(ses)).build();
    }

    @BeforeEach
    void clear() {
        ses.clearStore();
    }

    @Test
    void send_manyConcurrently_allStoredWithTheirIds() throws Exception {
        List<CompletableFuture<String>> ids = java.util.stream.IntStream.range(0, 20)
                .mapToObj(i -> mailer.send(Email.builder().from("shop@example.com").to("u" + i + "@example.com")
                        .subject("n" + i).text("t").build()).thenApply(r -> r.messageId()))
                .toList();
        CompletableFuture.allOf(ids.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(ses.emails()).extracting(e -> e.messageId())
                .containsExactlyInAnyOrderElementsOf(ids.stream().map(CompletableFuture::join).toList());
    }

    @Test
    void sendBulk_andTemplate_async() throws Exception {
        String name = "async_" + System.nanoTime();
        mailer.createTemplate(EmailTemplate.of(name, "Hi {{n}}", "x", null)).get(10, TimeUnit.SECONDS);
        BulkEmail.Builder b = BulkEmail.builder().from("shop@example.com").template(name);
        for (int i = 0; i < 60; i++) {
            b.destination(BulkDestination.to("b" + i + "@example.com", Map.of("n", i)));
        }

        assertThat(mailer.sendBulk(b.build()).get(30, TimeUnit.SECONDS).succeeded()).isEqualTo(60);
        mailer.send(TemplatedEmail.builder().from("shop@example.com").to("t@example.com").template(name)
                .data(Map.of("n", "T")).build()).get(10, TimeUnit.SECONDS);
        assertThat(ses.emails()).hasSize(61);
        mailer.deleteTemplate(name).get(10, TimeUnit.SECONDS);
    }

    @Test
    void send_missingTemplate_failsFutureWithTypedException() {
        CompletableFuture<?> f = mailer.send(TemplatedEmail.builder().from("shop@example.com").to("a@example.com")
                .template("nope_" + System.nanoTime()).build());

        assertThatThrownBy(f::join).isInstanceOf(CompletionException.class).hasCauseInstanceOf(SesSendException.class);
    }
}
