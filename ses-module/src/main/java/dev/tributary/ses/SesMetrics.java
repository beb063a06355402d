package dev.tributary.ses;

/**
 * A snapshot of a mailer's counters since it was built and its current send rate; see
 * {@link SesMailer#metrics()} and {@link SesAsyncMailer#metrics()}. The counters count what the mailer's
 * {@link SesMailerListener} hears.
 *
 * @param sent messages SES accepted (a bulk call counts each accepted destination)
 * @param recipients recipients of the accepted messages
 * @param failed calls that failed for good (after retries) and sends refused before sending
 * @param suppressed recipients skipped because the suppression list holds them
 * @param sendRate the send rate enforced now in messages per second, or 0 when sends are not paced
 */
public record SesMetrics(long sent, long recipients, long failed, long suppressed, double sendRate) {}
