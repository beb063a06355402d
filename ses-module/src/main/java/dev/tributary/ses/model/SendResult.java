package dev.tributary.ses.model;

/**
 * The outcome of one accepted send.
 *
 * @param messageId the SES message id (use it to correlate bounce, complaint and delivery events)
 * @param recipients how many recipients the message had
 */
public record SendResult(String messageId, int recipients) {}
