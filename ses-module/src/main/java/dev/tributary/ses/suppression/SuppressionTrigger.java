package dev.tributary.ses.suppression;

/** The SES events a {@link SuppressionPolicy} suppresses addresses on. */
public enum SuppressionTrigger {
    /** A {@code Permanent} bounce; transient and undetermined bounces never suppress. */
    HARD_BOUNCE,
    /** A complaint (feedback-loop spam report). */
    COMPLAINT
}
