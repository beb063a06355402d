package dev.tributary.testkit;

/**
 * The account the SES emulator reports from {@code GetAccount}, shaped like that response: the
 * {@code SendQuota} block and the account's standing. Immutable.
 *
 * <pre>{@code
 * LocalSes nearlyFull = LocalSes.start(SesAccount.defaults().withSendQuota(10, 5, 4));
 * }</pre>
 *
 * @param sendQuota the sending rate and 24-hour quota
 * @param productionAccess false for a sandboxed account
 * @param sendingEnabled whether sending is enabled
 * @param enforcementStatus {@code HEALTHY}, {@code PROBATION} or {@code SHUTDOWN}
 */
public record SesAccount(SendQuota sendQuota, boolean productionAccess, boolean sendingEnabled,
        String enforcementStatus) {

    /**
     * The {@code SendQuota} block of {@code GetAccount}.
     *
     * @param maxSendRate messages per second
     * @param max24HourSend the 24-hour quota
     * @param sentLast24Hours how much of the quota is used
     */
    public record SendQuota(double maxSendRate, double max24HourSend, double sentLast24Hours) {}

    /**
     * Creates an account from flat values: the quota's three, then the standing.
     *
     * @param maxSendRate messages per second
     * @param max24HourSend the 24-hour quota
     * @param sentLast24Hours how much of the quota is used
     * @param productionAccess false for a sandboxed account
     * @param sendingEnabled whether sending is enabled
     * @param enforcementStatus {@code HEALTHY}, {@code PROBATION} or {@code SHUTDOWN}
     */
    public SesAccount(double maxSendRate, double max24HourSend, double sentLast24Hours, boolean productionAccess,
            boolean sendingEnabled, String enforcementStatus) {
        this(new SendQuota(maxSendRate, max24HourSend, sentLast24Hours), productionAccess, sendingEnabled,
                enforcementStatus);
    }

    /** Returns a healthy production account: 14 messages/s, 50,000 a day, none sent. */
    public static SesAccount defaults() {
        return new SesAccount(new SendQuota(14, 50_000, 0), true, true, "HEALTHY");
    }

    /**
     * Returns a copy with another quota, keeping the standing.
     *
     * @param maxSendRate messages per second
     * @param max24HourSend the 24-hour quota
     * @param sentLast24Hours how much of the quota is used
     * @return the changed account
     */
    public SesAccount withSendQuota(double maxSendRate, double max24HourSend, double sentLast24Hours) {
        return new SesAccount(new SendQuota(maxSendRate, max24HourSend, sentLast24Hours), productionAccess,
                sendingEnabled, enforcementStatus);
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
                + "\"SendQuota\":{\"Max24HourSend\":" + sendQuota.max24HourSend()
                + ",\"MaxSendRate\":" + sendQuota.maxSendRate()
                + ",\"SentLast24Hours\":" + sendQuota.sentLast24Hours() + "},"
                + "\"SuppressionAttributes\":{\"SuppressedReasons\":[\"BOUNCE\",\"COMPLAINT\"]}}";
    }
}
