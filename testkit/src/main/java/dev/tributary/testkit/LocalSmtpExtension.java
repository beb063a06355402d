package dev.tributary.testkit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs a {@link LocalSmtp} (STARTTLS/implicit TLS with AUTH) for a test class,
 * clears its messages before each test and injects it as a {@link LocalSmtp} parameter. Register it as a
 * static {@code @RegisterExtension} field.
 */
public final class LocalSmtpExtension
        implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, ParameterResolver {
    private final LocalSmtp.Builder builder;
    private @Nullable LocalSmtp smtp;

    private LocalSmtpExtension(LocalSmtp.Builder builder) {
        this.builder = builder;
    }

    /**
     * Creates the extension.
     *
     * @param builder the server's settings
     * @return the extension
     */
    public static LocalSmtpExtension of(LocalSmtp.Builder builder) {
        return new LocalSmtpExtension(Objects.requireNonNull(builder, "builder"));
    }

    /** Returns the running server; only valid while the test class runs. */
    public LocalSmtp smtp() {
        if (smtp == null) {
            throw new IllegalStateException("LocalSmtpExtension must be a static @RegisterExtension field");
        }
        return smtp;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        smtp = builder.build();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        smtp().clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (smtp != null) {
            smtp.close();
            smtp = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalSmtp.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return smtp();
    }
}
