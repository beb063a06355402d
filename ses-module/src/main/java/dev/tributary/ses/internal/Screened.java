package dev.tributary.ses.internal;

import dev.tributary.ses.model.SendResult;
import java.util.List;
import java.util.Optional;

/**
 * A message after the pre-send step.
 *
 * @param message what is left to send, or empty when every recipient was suppressed
 * @param suppressed the recipients removed, as the caller wrote them
 * @param <M> the message type
 */
public record Screened<M>(Optional<M> message, List<String> suppressed) {
    /** Copies the list. */
    public Screened {
        suppressed = List.copyOf(suppressed);
    }

    /** Returns the result when nothing was sent. */
    public SendResult nothingSent() {
        return new SendResult(null, 0, suppressed);
    }

    /** Returns the result of a send of the screened message, with the suppressed recipients. */
    public SendResult sent(String messageId, int recipients) {
        return new SendResult(messageId, recipients, suppressed);
    }
}
