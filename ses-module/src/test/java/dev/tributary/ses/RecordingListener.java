package dev.tributary.ses;

import dev.tributary.core.TributaryException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the mailer reports as {@code sent:<operation>} and {@code failed:<operation>}, in order. */
final class RecordingListener implements SesMailerListener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onSent(String operation, String messageId, int recipients, Instant at, Duration latency) {
        events.add("sent:" + operation);
    }

    @Override
    public void onFailed(String operation, TributaryException error) {
        events.add("failed:" + operation);
    }
}
