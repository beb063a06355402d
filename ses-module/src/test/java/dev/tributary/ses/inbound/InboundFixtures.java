package dev.tributary.ses.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the hand-written inbound fixtures. */
final class InboundFixtures {
    private InboundFixtures() {}

    static String read(String name) {
        String path = "/dev/tributary/ses/inbound/" + name;
        try (InputStream in = InboundFixtures.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
