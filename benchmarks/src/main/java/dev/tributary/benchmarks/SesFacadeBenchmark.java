package dev.tributary.benchmarks;

import dev.tributary.core.ClientSettings;
import dev.tributary.ses.SesMailer;
import dev.tributary.ses.model.Email;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesAccount;
import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends/s of {@link SesMailer} (validation, quota guard, Resilience) against the raw {@link SesV2Client} it
 * wraps, same client, same message, 8 threads, against the SES emulator. The emulator's account allows
 * 100,000 messages/s so the quota guard runs but never binds.
 *
 * <p>Ratio = facade throughput / raw throughput.
 */
final class SesFacadeBenchmark {
    static final String NAME = "ses-facade-vs-raw";

    private SesFacadeBenchmark() {}

    static double run(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int sends = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        try (LocalSes ses = LocalSes.start(new SesAccount(100_000, 1e12, 0, true, true, "HEALTHY"));
                SesV2Client raw = ClientSettings.local(ses.endpoint()).toBuilder()
                        .apiCallTimeout(Duration.ofSeconds(10)).build()
                        .applyTo(SesV2Client.builder())
                        .httpClient(UrlConnectionHttpClient.create())
                        .build();
                SesMailer mailer = SesMailer.create(raw)) {
            SendEmailRequest request = SendEmailRequest.builder()
                    .fromEmailAddress("Shop <shop@example.com>")
                    .destination(d -> d.toAddresses("ann@example.com"))
                    .content(c -> c.simple(m -> m.subject(s -> s.data("Welcome").charset("UTF-8"))
                            .body(b -> b.text(t -> t.data("Hello Ann").charset("UTF-8")))))
                    .build();
            Runnable rawSend = () -> raw.sendEmail(request);
            Runnable facadeSend = () -> mailer.send(Email.builder()
                    .from("Shop <shop@example.com>").to("ann@example.com").subject("Welcome").text("Hello Ann").build());
            double ratio = Harness.compare("raw", rawSend, "facade", facadeSend, rounds, sends, 8);
            ses.clearStore();
            return ratio;
        }
    }
}
