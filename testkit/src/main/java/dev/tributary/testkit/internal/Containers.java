package dev.tributary.testkit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Testcontainers path, chosen automatically: peers with an image run in containers when Testcontainers is on
 * the test class path and a Docker engine answers; otherwise the embedded peers run, so tests never skip for lack
 * of Docker. {@code -Dtributary.testkit.docker=false} forces the embedded peers, {@code =true} warns when
 * containers cannot be used.
 */
public final class Containers {
    private static final Logger LOG = LoggerFactory.getLogger(Containers.class);
    private static volatile Boolean enabled;

    private Containers() {}

    /** Returns whether containers should be used for this JVM's peers (decided once per JVM). */
    public static boolean enabled() {
        Boolean e = enabled;
        if (e == null) {
            e = decide();
            enabled = e;
        }
        return e;
    }

    private static boolean decide() {
        String setting = System.getProperty("tributary.testkit.docker", "auto");
        if ("false".equalsIgnoreCase(setting)) {
            return false;
        }
        boolean required = "true".equalsIgnoreCase(setting);
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
        } catch (ClassNotFoundException ex) {
            if (required) {
                LOG.warn("tributary.testkit.docker is set but Testcontainers is not on the test class path; add"
                        + " org.testcontainers:testcontainers. Using the embedded peers.");
            }
            return false;
        }
        if (!ContainerPeer.dockerAvailable()) {
            if (required) {
                LOG.warn("tributary.testkit.docker is set but no Docker engine answers; using the embedded peers.");
            } else {
                LOG.debug("Testcontainers is on the class path but no Docker engine answers; using the embedded peers");
            }
            return false;
        }
        LOG.info("A Docker engine answers: DynamoDB Local and OpenSearch run in Testcontainers"
                + " (-Dtributary.testkit.docker=false for the embedded peers)");
        return true;
    }
}
