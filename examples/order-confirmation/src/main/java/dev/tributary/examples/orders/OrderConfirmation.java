package dev.tributary.examples.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.core.ClientSettings;
import dev.tributary.ses.SesMailer;
import dev.tributary.ses.SesOptions;
import dev.tributary.ses.event.BounceEvent;
import dev.tributary.ses.event.SesEvent;
import dev.tributary.ses.model.SendResult;
import dev.tributary.ses.suppression.InMemorySuppressionStore;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesAccount;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * Order confirmation e-mail with SES: a stored template ({@code order_confirmation}), a templated send, a send
 * with a CSV receipt attached, configuration set and tags, then a Permanent bounce notification that puts the
 * address on the suppression list so the next send to it is skipped.
 *
 * <p>Command {@code demo} (the only one). Flags: {@code --ses-endpoint URL} (default: the SES emulator started
 * in-process), {@code --from ADDRESS}, {@code --to ADDRESS}, {@code --configuration-set NAME}
 * ({@code transactional}), {@code --json}; {@code --help} lists them ({@link Options}, parsed by picocli).
 */
public final class OrderConfirmation {
    static final String BOUNCING = "bounce@simulator.amazonses.com";

    private OrderConfirmation() {}

    /** The outcome of {@link #demo}. */
    record DemoResult(String templatedMessageId, String withReceiptMessageId, String bounceType,
            int suppressedAddresses, SendResult afterBounce) {}

    /**
     * Runs the example; exits with 2 on a usage error (printed with the usage) and 1 when the example fails.
     *
     * @param args the command and flags, see the class comment
     */
    public static void main(String[] args) {
        int code = new CommandLine(new Options()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the example with parsed options.
     *
     * @param flags the command and flags
     * @throws Exception when the example fails
     */
    static void run(Options flags) throws Exception {
        LocalSes local = null;
        ClientSettings settings;
        if (flags.sesEndpoint != null) {
            settings = ClientSettings.builder().endpointOverride(URI.create(flags.sesEndpoint)).build();
        } else {
            System.err.println("Starting the SES emulator (embedded default) ...");
            local = LocalSes.start(SesAccount.defaults());
            settings = ClientSettings.local(local.endpoint());
        }
        try {
            InMemorySuppressionStore store = InMemorySuppressionStore.create();
            try (SesMailer mailer = mailer(settings, store)) {
                Orders orders = new Orders(mailer, flags.from, flags.configurationSet);
                DemoResult r = demo(orders, store, flags.to);
                print(flags.json, r, local);
                if (r.afterBounce().sent() || r.afterBounce().suppressed().isEmpty()) {
                    throw new IllegalStateException("the bounced address was not suppressed");
                }
            }
        } finally {
            close(local);
        }
    }

    /** Builds a mailer whose suppression list is {@code store}. */
    static SesMailer mailer(ClientSettings settings, InMemorySuppressionStore store) {
        return SesMailer.builder().clientSettings(settings.toBuilder().apiCallTimeout(Duration.ofSeconds(10)).build())
                .options(SesOptions.builder().suppressionList(store).build()).build();
    }

    /** Sample order of a customer. */
    static Orders.Order order(String orderId, String name, String email) {
        return new Orders.Order(orderId, name, email, List.of(new Orders.Line("Wireless mouse", 1, 2499),
                new Orders.Line("USB-C cable 2m", 2, 899)));
    }

    /**
     * Sends both variants to {@code to}, one to the bouncing simulator address, handles its bounce, and tries
     * that address again.
     */
    static DemoResult demo(Orders orders, InMemorySuppressionStore store, String to) {
        orders.ensureTemplate();
        SendResult templated = orders.sendConfirmation(order("A-1001", "Ann", to));
        SendResult withReceipt = orders.sendConfirmationWithReceipt(order("A-1002", "Ann", to));
        orders.sendConfirmation(order("A-1003", "Bo", BOUNCING));
        SesEvent event = Orders.handleFeedback(Orders.sampleBounceNotification(), store);
        String bounceType = event instanceof BounceEvent b ? b.bounceType() + "/" + b.bounceSubType() : event.type().name();
        SendResult again = orders.sendConfirmation(order("A-1004", "Bo", BOUNCING));
        return new DemoResult(templated.messageId(), withReceipt.messageId(), bounceType, store.size(), again);
    }

    private static void print(boolean json, DemoResult r, @Nullable LocalSes local) throws Exception {
        int stored = local == null ? -1 : local.emails().size();
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("templatedMessageId", r.templatedMessageId());
            out.put("withReceiptMessageId", r.withReceiptMessageId());
            out.put("bounce", r.bounceType());
            out.put("suppressedAddresses", r.suppressedAddresses());
            out.put("sentAfterBounce", r.afterBounce().sent());
            out.put("skippedAfterBounce", r.afterBounce().suppressed().size());
            out.put("storedMails", stored);
            System.out.println(new ObjectMapper().writeValueAsString(out));
            return;
        }
        System.out.println("Template " + Orders.TEMPLATE_NAME + " stored");
        System.out.println("Sent templated confirmation A-1001: " + r.templatedMessageId());
        System.out.println("Sent confirmation A-1002 with receipt-A-1002.csv: " + r.withReceiptMessageId());
        System.out.println("Bounce notification parsed: " + r.bounceType() + "; suppressed addresses: "
                + r.suppressedAddresses());
        System.out.println("Next send to the bounced address: sent=" + r.afterBounce().sent() + ", skipped recipients="
                + r.afterBounce().suppressed().size());
        if (stored >= 0) {
            System.out.println("SES emulator holds " + stored + " mails");
        }
    }

    private static void close(@Nullable LocalSes local) {
        if (local != null) {
            local.close();
        }
    }
}
