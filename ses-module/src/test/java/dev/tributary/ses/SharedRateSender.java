package dev.tributary.ses;

import dev.tributary.core.ClientSettings;
import dev.tributary.ses.model.Email;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One instance of a service, run as its own JVM by {@link SharedSendRateProcessesIT}: sends as fast as its
 * mailer lets it from several threads and prints {@code SENT <epoch ms>} after each accepted send.
 *
 * <p>Arguments: SES endpoint, DynamoDB endpoint, table, key, threads, seconds to run at most, and
 * {@code shared} or {@code local} (local paces this process alone: the aggregate is then 3x the rate).
 */
public final class SharedRateSender {
    private SharedRateSender() {}

    public static void main(String[] args) throws Exception {
        URI ses = URI.create(args[0]);
        URI dynamo = URI.create(args[1]);
        String table = args[2];
        String key = args[3];
        int threads = Integer.parseInt(args[4]);
        long stopAt = System.currentTimeMillis() + Long.parseLong(args[5]) * 1000;
        boolean shared = args[6].equals("shared");

        ClientSettings dynamoSettings = ClientSettings.local(dynamo).toBuilder()
                .apiCallTimeout(Duration.ofSeconds(5)).build();
        DynamoDbClient ddb = dynamoSettings.applyTo(DynamoDbClient.builder())
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        SesOptions.Builder options = SesOptions.builder();
        if (shared) {
            options.sharedSendRate(SharedSendRate.dynamoDb(ddb, table).key(key).build());
        }
        SesMailer mailer = SesMailer.builder()
                .clientSettings(ClientSettings.local(ses).toBuilder().apiCallTimeout(Duration.ofSeconds(5)).build())
                .options(options.build())
                .build();
        AtomicLong counter = new AtomicLong();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                while (System.currentTimeMillis() < stopAt) {
                    try {
                        mailer.send(Email.builder().from("shop@example.com")
                                .to("u" + counter.incrementAndGet() + "@example.com")
                                .subject("rate").text("t").build());
                        line("SENT " + System.currentTimeMillis());
                    } catch (RuntimeException e) {
                        line("FAIL " + e.getClass().getSimpleName() + " " + e.getMessage());
                        pause();
                    }
                }
            }, "sender-" + t);
            workers[t].start();
        }
        line("READY");
        for (Thread w : workers) {
            w.join();
        }
        mailer.close();
        ddb.close();
    }

    private static synchronized void line(String s) {
        System.out.println(s);
        System.out.flush();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
