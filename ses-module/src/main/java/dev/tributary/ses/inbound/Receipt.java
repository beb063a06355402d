package dev.tributary.ses.inbound;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What SES found when it received a message: the authentication and scanning verdicts and the action taken.
 *
 * @param timestamp when the action was triggered
 * @param processingTimeMillis milliseconds from receipt to the action
 * @param recipients the envelope recipients the receipt rule matched (may differ from {@code mail.destination})
 * @param spfVerdict the SPF check
 * @param dkimVerdict the DKIM check
 * @param dmarcVerdict the DMARC check
 * @param spamVerdict the spam scan
 * @param virusVerdict the virus scan
 * @param dmarcPolicy the sender domain's DMARC policy, present only when DMARC failed; else null
 * @param action the action that produced the notification
 */
public record Receipt(
        Instant timestamp,
        long processingTimeMillis,
        List<String> recipients,
        Verdict spfVerdict,
        Verdict dkimVerdict,
        Verdict dmarcVerdict,
        Verdict spamVerdict,
        Verdict virusVerdict,
        @Nullable DmarcPolicy dmarcPolicy,
        ReceiptAction action) {

    /** Copies the recipient list. */
    public Receipt {
        recipients = List.copyOf(recipients);
    }

    /** Returns the DMARC policy when SES reported one (only for messages that failed DMARC). */
    public Optional<DmarcPolicy> failedDmarcPolicy() {
        return Optional.ofNullable(dmarcPolicy);
    }

    /** Returns whether SPF, DKIM and DMARC all passed and neither spam nor virus scanning failed. */
    public boolean allPassed() {
        return spfVerdict == Verdict.PASS && dkimVerdict == Verdict.PASS && dmarcVerdict == Verdict.PASS
                && spamVerdict != Verdict.FAIL && virusVerdict != Verdict.FAIL;
    }

    @Override
    public String toString() {
        return "Receipt[timestamp=" + timestamp + ", recipients=" + recipients.size() + ", spf=" + spfVerdict
                + ", dkim=" + dkimVerdict + ", dmarc=" + dmarcVerdict + ", spam=" + spamVerdict + ", virus="
                + virusVerdict + ", action=" + action.type() + "]";
    }
}
