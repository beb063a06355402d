package dev.tributary.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.core.ClientSettings;
import dev.tributary.ses.SesMailer;
import dev.tributary.ses.suppression.InMemorySuppressionStore;
import dev.tributary.ses.suppression.SuppressionReason;
import dev.tributary.testkit.LocalSes;
import dev.tributary.testkit.SesEmulatorExtension;
import dev.tributary.testkit.StoredEmail;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Templated and attachment confirmations land in the SES store as expected; a hard bounce suppresses. */
@ExtendWith(SesEmulatorExtension.class)
class OrderConfirmationIT {

    @Test
    void demo_bothVariantsAndBounce_storesRenderedMailsAndSuppressesBouncedAddress(LocalSes ses) {
        ses.clearStore();
        InMemorySuppressionStore store = InMemorySuppressionStore.create();
        try (SesMailer mailer = OrderConfirmation.mailer(ClientSettings.local(ses.endpoint()), store)) {
            Orders orders = new Orders(mailer, "Shop <orders@shop.example.test>", "transactional");

            OrderConfirmation.DemoResult r = OrderConfirmation.demo(orders, store, "ann@example.com");

            List<StoredEmail> mails = ses.emails();
            assertThat(mails).hasSize(3);
            StoredEmail templated = mails.get(0);
            assertThat(templated.to()).containsExactly("ann@example.com");
            assertThat(templated.subject()).isEqualTo("Order A-1001 confirmed");
            assertThat(templated.text()).contains("Hi Ann,").contains("A-1001").contains("Total: 42.97 EUR");
            assertThat(templated.attachments()).isEmpty();

            StoredEmail withReceipt = mails.get(1);
            assertThat(withReceipt.subject()).isEqualTo("Order A-1002 confirmed");
            assertThat(withReceipt.text()).contains("Hi Ann,").contains("Total: 42.97 EUR");
            assertThat(withReceipt.attachments()).singleElement().satisfies(a -> {
                assertThat(a.filename()).isEqualTo("receipt-A-1002.csv");
                assertThat(a.contentType()).startsWith("text/csv");
                assertThat(a.content()).isEqualTo(Orders.receiptCsv(OrderConfirmation.order("A-1002", "Ann",
                        "ann@example.com")));
            });
            assertThat(new String(withReceipt.attachments().get(0).content(), java.nio.charset.StandardCharsets.UTF_8))
                    .startsWith("order_id,item,quantity,unit_price,line_total\r\n").contains("A-1002,TOTAL,,,42.97");

            assertThat(mails.get(2).to()).containsExactly(OrderConfirmation.BOUNCING);
            assertThat(r.bounceType()).isEqualTo("PERMANENT/General");
            assertThat(store.find(OrderConfirmation.BOUNCING)).hasValueSatisfying(
                    s -> assertThat(s.reason()).isEqualTo(SuppressionReason.BOUNCE));
            assertThat(r.afterBounce().sent()).isFalse();
            assertThat(r.afterBounce().suppressed()).containsExactly(OrderConfirmation.BOUNCING);
            assertThat(ses.emails()).hasSize(3);
            assertThat(mailer.getTemplate(Orders.TEMPLATE_NAME)).contains(Orders.TEMPLATE);
        }
    }

    @Test
    void render_variables_replacedLikeSes() {
        assertThat(Orders.render("Hi {{name}}, {{ orderId }}{{missing}}!", java.util.Map.of("name", "Ann",
                "orderId", "A-1"))).isEqualTo("Hi Ann, A-1!");
    }
}
