package dev.tributary.testkit;

/**
 * The account the SES emulator reports from {@code GetAccount}: sending quota and status. Immutable.
 *
 * @param maxSendRate messages per second
 * @param max24HourSend the 24-hour quota
 * @param sentLast24Hours how much of the quota is used
 * @param productionAccess false for a sandboxed account
 * @param sendingEnabled whether sending is enabled
 * @param enforcementStatus {@code HEALTHY}, {@code PROBATION} or {@code SHUTDOWN}
 */
public record SesAccount(
        double maxSendRate,
        double max24HourSend,
        double sentLast24Hours,
        boolean productionAccess,
        boolean sendingEnabled,
        String enforcementStatus) {

    /** Returns a healthy production account: 14 messages/s, 50,000 a day, none sent. */
    public static SesAccount defaults() {
        return new SesAccount(14, 50_000, 0, true, true, "HEALTHY");
    }

    /** Renders the JSON the emulator expects in {@code AWS_SES_ACCOUNT}. */
    String toEmulatorJson() {
        return "{\"DedicatedIpAutoWarmupEnabled\":false,"
                + "\"Details\":{\"AdditionalContactEmailAddresses\":[],\"ContactLanguage\":\"EN\","
                + "\"MailType\":\"TRANSACTIONAL\",\"ReviewDetails\":{\"CaseId\":\"local\",\"Status\":\"GRANTED\"},"
                + "\"UseCaseDescription\":\"tests\",\"WebsiteURL\":\"https://example.test\"},"
                + "\"EnforcementStatus\":\"" + enforcementStatus + "\","
                + "\"ProductionAccessEnabled\":" + productionAccess + ","
                + "\"SendingEnabled\":" + sendingEnabled + ","
                + "\"SendQuota\":{\"Max24HourSend\":" + max24HourSend + ",\"MaxSendRate\":" + maxSendRate
                + ",\"SentLast24Hours\":" + sentLast24Hours + "},"
                + "\"SuppressionAttributes\":{\"SuppressedReasons\":[\"BOUNCE\",\"COMPLAINT\"]}}";
    }
}
