package dev.tributary.ses.suppression.internal;

import dev.tributary.ses.event.BounceEvent;
import dev.tributary.ses.event.BounceType;
import dev.tributary.ses.event.BouncedRecipient;
import dev.tributary.ses.event.ComplaintEvent;
import dev.tributary.ses.event.SesEvent;
import dev.tributary.ses.suppression.SuppressionList;
import dev.tributary.ses.suppression.SuppressionReason;
import dev.tributary.ses.suppression.SuppressionTrigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Decides which addresses of an event to suppress. */
public final class Targets {
    /** SES's sub-type for a send it skipped because the address is already on the account list. */
    private static final String ON_ACCOUNT_LIST = "OnAccountSuppressionList";

    private Targets() {}

    /**
     * One address to suppress.
     *
     * @param address the normalised address
     * @param reason why
     * @param at when the bounce or complaint happened
     * @param alreadyOnAccountList SES reported the address is on the account-level list already
     */
    public record Target(String address, SuppressionReason reason, Instant at, boolean alreadyOnAccountList) {
        @Override
        public String toString() {
            return "Target[reason=" + reason + ", at=" + at + "]";
        }
    }

    /**
     * Returns the addresses to suppress for an event, each once.
     *
     * @param event the event
     * @param triggers the events that suppress
     * @return the targets; empty for other events, transient or undetermined bounces, or disabled triggers
     */
    public static List<Target> of(SesEvent event, Set<SuppressionTrigger> triggers) {
        Map<String, Target> out = new LinkedHashMap<>();
        if (event instanceof BounceEvent b && b.isHard() && triggers.contains(SuppressionTrigger.HARD_BOUNCE)) {
            boolean listed = ON_ACCOUNT_LIST.equals(b.bounceSubType());
            for (BouncedRecipient r : b.bouncedRecipients()) {
                add(out, r.emailAddress(), SuppressionReason.BOUNCE, b.timestamp(), listed);
            }
        } else if (event instanceof ComplaintEvent c && triggers.contains(SuppressionTrigger.COMPLAINT)) {
            boolean listed = ON_ACCOUNT_LIST.equals(c.complaintSubType());
            for (String a : c.complainedRecipients()) {
                add(out, a, SuppressionReason.COMPLAINT, c.timestamp(), listed);
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * Returns the addresses of a transient (soft) bounce, each once; empty for any other event.
     *
     * @param event the event
     * @return the targets, with reason {@link SuppressionReason#BOUNCE}
     */
    public static List<Target> transientBounce(SesEvent event) {
        Map<String, Target> out = new LinkedHashMap<>();
        if (event instanceof BounceEvent b && b.bounceType() == BounceType.TRANSIENT) {
            for (BouncedRecipient r : b.bouncedRecipients()) {
                add(out, r.emailAddress(), SuppressionReason.BOUNCE, b.timestamp(), false);
            }
        }
        return new ArrayList<>(out.values());
    }

    private static void add(Map<String, Target> out, String address, SuppressionReason reason, Instant at,
            boolean listed) {
        String key = SuppressionList.normalize(address);
        if (!key.isEmpty()) {
            out.putIfAbsent(key, new Target(key, reason, at, listed));
        }
    }
}
