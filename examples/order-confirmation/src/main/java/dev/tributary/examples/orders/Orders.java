package dev.tributary.examples.orders;

import dev.tributary.ses.SesMailer;
import dev.tributary.ses.event.SesEvent;
import dev.tributary.ses.event.SesEvents;
import dev.tributary.ses.model.Attachment;
import dev.tributary.ses.model.Email;
import dev.tributary.ses.model.EmailTemplate;
import dev.tributary.ses.model.SendResult;
import dev.tributary.ses.model.TemplatedEmail;
import dev.tributary.ses.suppression.SuppressionPolicy;
import dev.tributary.ses.suppression.SuppressionStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Transactional order mail: a stored SES template for the plain confirmation, the same template rendered here
 * for the variant with a CSV receipt attached (SES templates cannot carry attachments), and bounce handling
 * that suppresses hard-bounced addresses for later sends. The mailer is the caller's. Thread-safe.
 */
public final class Orders {
    /** The stored template's name. */
    public static final String TEMPLATE_NAME = "order_confirmation";
    /** The stored template. */
    public static final EmailTemplate TEMPLATE = EmailTemplate.of(TEMPLATE_NAME,
            "Order {{orderId}} confirmed",
            "Hi {{name}},\n\nthanks for your order {{orderId}}. Total: {{total}}.\n\n-- Shop",
            "<p>Hi {{name}},</p><p>thanks for your order <b>{{orderId}}</b>. Total: {{total}}.</p><p>-- Shop</p>");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}");

    /**
     * One order.
     *
     * @param orderId the order id
     * @param name the customer's name
     * @param email the customer's address
     * @param lines item lines: description, quantity, unit price in cents
     */
    public record Order(String orderId, String name, String email, List<Line> lines) {
        /** Returns the total, formatted like {@code 42.50 EUR}. */
        public String total() {
            long cents = lines.stream().mapToLong(l -> l.quantity() * l.unitCents()).sum();
            return String.format("%d.%02d EUR", cents / 100, cents % 100);
        }

        Map<String, String> data() {
            return Map.of("name", name, "orderId", orderId, "total", total());
        }
    }

    /** One order line; prices in cents. */
    public record Line(String item, int quantity, long unitCents) {}

    private final SesMailer mailer;
    private final String from;
    private final String configurationSet;

    /**
     * Creates the flow.
     *
     * @param mailer the mailer (its suppression list is consulted before every send)
     * @param from the sender
     * @param configurationSet the configuration set to publish events through, such as {@code transactional}
     */
    public Orders(SesMailer mailer, String from, String configurationSet) {
        this.mailer = mailer;
        this.from = from;
        this.configurationSet = configurationSet;
    }

    /** Creates the stored template, or updates it when it exists. */
    public void ensureTemplate() {
        if (mailer.getTemplate(TEMPLATE_NAME).isPresent()) {
            mailer.updateTemplate(TEMPLATE);
        } else {
            mailer.createTemplate(TEMPLATE);
        }
    }

    /** Sends the plain confirmation from the stored template (SendEmail with a Template). */
    public SendResult sendConfirmation(Order order) {
        return mailer.send(TemplatedEmail.builder().from(from).to(order.email()).template(TEMPLATE_NAME)
                .data(order.data()).configurationSet(configurationSet).tag("flow", "order-confirmation").build());
    }

    /** Sends the confirmation with the CSV receipt attached: the template rendered here, sent as raw MIME. */
    public SendResult sendConfirmationWithReceipt(Order order) {
        Map<String, String> data = order.data();
        return mailer.send(Email.builder().from(from).to(order.email())
                .subject(render(TEMPLATE.subject(), data))
                .text(render(TEMPLATE.text(), data))
                .html(render(TEMPLATE.html(), data))
                .attachment(Attachment.of("receipt-" + order.orderId() + ".csv", "text/csv", receiptCsv(order)))
                .configurationSet(configurationSet)
                .tag("flow", "order-confirmation")
                .build());
    }

    /** Returns the receipt as CSV bytes (UTF-8, CRLF line ends as RFC 4180 asks). */
    public static byte[] receiptCsv(Order order) {
        StringBuilder csv = new StringBuilder("order_id,item,quantity,unit_price,line_total\r\n");
        for (Line l : order.lines()) {
            csv.append(String.format("%s,%s,%d,%d.%02d,%d.%02d\r\n", order.orderId(), l.item().replace(",", " "),
                    l.quantity(), l.unitCents() / 100, l.unitCents() % 100,
                    l.quantity() * l.unitCents() / 100, l.quantity() * l.unitCents() % 100));
        }
        csv.append(order.orderId()).append(",TOTAL,,,").append(order.total().replace(" EUR", "")).append("\r\n");
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces {@code {{name}}} variables as SES does; unknown variables become empty. */
    static String render(String template, Map<String, String> data) {
        Matcher m = VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(data.getOrDefault(m.group(1), "")));
        }
        return m.appendTail(out).toString();
    }

    /**
     * Handles one SES feedback notification: parses it and suppresses hard-bounced and complaining addresses.
     *
     * @param notificationJson the notification as delivered (SNS, SQS or EventBridge envelope, or the record)
     * @param store the store the mailer's suppression list reads
     * @return the parsed event
     */
    public static SesEvent handleFeedback(String notificationJson, SuppressionStore store) {
        SesEvent event = SesEvents.parse(notificationJson);
        SuppressionPolicy.builder().store(store).build().apply(event);
        return event;
    }

    /** Returns the hand-written SNS notification of a Permanent bounce for the SES mailbox simulator's address. */
    public static String sampleBounceNotification() {
        try (InputStream in = Orders.class.getResourceAsStream("sns-permanent-bounce.json")) {
            if (in == null) {
                throw new IllegalStateException("sns-permanent-bounce.json is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
