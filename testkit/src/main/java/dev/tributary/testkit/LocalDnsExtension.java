package dev.tributary.testkit;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs a {@link LocalDns} with a test class's own records: started before the class,
 * stopped after it, injected as a {@link LocalDns} parameter. Register it as a static
 * {@code @RegisterExtension} field.
 */
public final class LocalDnsExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {
    private final LocalDns.Builder records;
    private @Nullable LocalDns dns;

    private LocalDnsExtension(LocalDns.Builder records) {
        this.records = records;
    }

    /**
     * Creates the extension.
     *
     * @param records the zones and records to serve
     * @return the extension
     */
    public static LocalDnsExtension of(LocalDns.Builder records) {
        return new LocalDnsExtension(Objects.requireNonNull(records, "records"));
    }

    /** Returns the running server; only valid while the test class runs. */
    public LocalDns dns() {
        if (dns == null) {
            throw new IllegalStateException("LocalDnsExtension must be a static @RegisterExtension field");
        }
        return dns;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        dns = records.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (dns != null) {
            dns.close();
            dns = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalDns.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return dns();
    }
}
