package dev.tributary.ses.model;

/**
 * The SES account's sending limits and standing, from {@code GetAccount}.
 *
 * @param maxSendRate messages per second SES accepts
 * @param max24HourSend messages per rolling 24 hours
 * @param sentLast24Hours messages sent in the last 24 hours
 * @param productionAccess false while the account is in the sandbox (only verified recipients)
 * @param sendingEnabled whether sending is enabled for the account
 * @param enforcementStatus {@code HEALTHY}, {@code PROBATION} or {@code SHUTDOWN}
 */
public record AccountStatus(
        double maxSendRate,
        double max24HourSend,
        double sentLast24Hours,
        boolean productionAccess,
        boolean sendingEnabled,
        String enforcementStatus) {

    /** Returns how many more messages the 24-hour quota allows (never negative). */
    public double remaining24Hour() {
        return Math.max(0, max24HourSend - sentLast24Hours);
    }

    /** Returns whether the account may send at all (enabled and not shut down). */
    public boolean canSend() {
        return sendingEnabled && !"SHUTDOWN".equalsIgnoreCase(enforcementStatus);
    }
}
