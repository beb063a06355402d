package dev.tributary.ses.internal;

import dev.tributary.ses.model.BulkDestination;
import dev.tributary.ses.model.BulkEmail;
import dev.tributary.ses.model.BulkEntryResult;
import dev.tributary.ses.model.BulkResult;
import dev.tributary.ses.model.EmailAddress;
import dev.tributary.ses.suppression.SuppressionList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Removes suppressed recipients from a bulk send: destinations left with nobody are reported
 * {@code SUPPRESSED} at their original position; the others are sent with their remaining recipients.
 *
 * @param kept the bulk e-mail still to send, or empty when every destination was suppressed
 * @param originalIndex for each kept destination, its position in the caller's bulk e-mail
 * @param suppressedIndexes positions whose every recipient was suppressed
 * @param changed whether anything was removed
 * @param total the caller's number of destinations
 */
public record BulkSuppression(Optional<BulkEmail> kept, List<Integer> originalIndex, List<Integer> suppressedIndexes,
        boolean changed, int total) {

    /** Applies the suppression list. */
    public static BulkSuppression apply(BulkEmail bulk, SuppressionList list) {
        // One lookup for the whole bulk (a durable store answers it with batch reads, not one call per recipient).
        List<String> recipients = new ArrayList<>();
        for (BulkDestination d : bulk.destinations()) {
            d.to().forEach(a -> recipients.add(a.address()));
            d.cc().forEach(a -> recipients.add(a.address()));
            d.bcc().forEach(a -> recipients.add(a.address()));
        }
        Set<String> suppressed = new HashSet<>(list.suppressedAmong(recipients));
        List<BulkDestination> keptDestinations = new ArrayList<>();
        List<Integer> originalIndex = new ArrayList<>();
        List<Integer> suppressedIndexes = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < bulk.destinations().size(); i++) {
            BulkDestination d = bulk.destinations().get(i);
            List<EmailAddress> to = keep(d.to(), suppressed);
            List<EmailAddress> cc = keep(d.cc(), suppressed);
            List<EmailAddress> bcc = keep(d.bcc(), suppressed);
            if (to.size() + cc.size() + bcc.size() == 0) {
                suppressedIndexes.add(i);
                changed = true;
                continue;
            }
            changed |= to.size() + cc.size() + bcc.size() != d.recipientCount();
            keptDestinations.add(new BulkDestination(to, cc, bcc, d.data()));
            originalIndex.add(i);
        }
        if (!changed) {
            return new BulkSuppression(Optional.of(bulk), originalIndex, List.of(), false, bulk.destinations().size());
        }
        if (keptDestinations.isEmpty()) {
            return new BulkSuppression(Optional.empty(), List.of(), suppressedIndexes, true, bulk.destinations().size());
        }
        BulkEmail kept = bulk.toBuilder().clearDestinations().destinations(keptDestinations).build();
        return new BulkSuppression(Optional.of(kept), originalIndex, suppressedIndexes, true, bulk.destinations().size());
    }

    /** Maps the kept destinations' results back to original positions and adds the suppressed ones. */
    public BulkResult merge(List<BulkEntryResult> keptResults) {
        BulkEntryResult[] all = new BulkEntryResult[total];
        for (BulkEntryResult r : keptResults) {
            int original = originalIndex.get(r.index());
            all[original] = new BulkEntryResult(original, r.status(), r.messageId(), r.error());
        }
        for (int i : suppressedIndexes) {
            all[i] = new BulkEntryResult(i, "SUPPRESSED", null, "every recipient is on the suppression list");
        }
        return new BulkResult(List.of(all));
    }

    private static List<EmailAddress> keep(List<EmailAddress> list, Set<String> suppressed) {
        return list.stream().filter(a -> !suppressed.contains(a.address())).toList();
    }
}
