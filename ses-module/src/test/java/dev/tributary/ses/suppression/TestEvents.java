package dev.tributary.ses.suppression;

import dev.tributary.ses.event.BounceEvent;
import dev.tributary.ses.event.BounceType;
import dev.tributary.ses.event.BouncedRecipient;
import dev.tributary.ses.event.CommonHeaders;
import dev.tributary.ses.event.ComplaintEvent;
import dev.tributary.ses.event.DeliveryEvent;
import dev.tributary.ses.event.MailInfo;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Builds SES events for suppression tests. */
final class TestEvents {
    static final Instant SENT = Instant.parse("2024-03-01T10:00:00Z");
    static final Instant BOUNCED = Instant.parse("2024-03-01T10:00:04.123Z");

    private TestEvents() {}

    static MailInfo mail(String... destination) {
        return new MailInfo("0100018df5b0c3ff-EXAMPLE-000000", SENT, "shop@example.com", null, null, "123456789012",
                List.of(destination), Map.of(), false, List.of(), CommonHeaders.EMPTY);
    }

    static BounceEvent bounce(BounceType type, String subType, String... recipients) {
        List<BouncedRecipient> rs = Arrays.stream(recipients)
                .map(r -> new BouncedRecipient(r, "failed", "5.1.1", "smtp; 550 5.1.1 user unknown")).toList();
        return new BounceEvent(mail(recipients), type, subType, rs, BOUNCED, "feedback-1", null, null);
    }

    static ComplaintEvent complaint(@Nullable String subType, String... recipients) {
        return new ComplaintEvent(mail(recipients), List.of(recipients), BOUNCED, "feedback-2", "abuse", subType,
                null, null);
    }

    static DeliveryEvent delivery(String... recipients) {
        return new DeliveryEvent(mail(recipients), BOUNCED, 120, List.of(recipients), "250 ok", null, null);
    }
}
