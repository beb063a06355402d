package dev.tributary.testkit.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional Testcontainers path: used only when {@code -Dtributary.testkit.docker=true} and a Docker
 * engine answers. Otherwise the embedded peers run, so tests never skip silently for lack of Docker.
 */
public final class Containers {
    private static final Logger LOG = LoggerFactory.getLogger(Containers.class);

    private Containers() {}

    /** Returns whether containers should be used for this JVM's peers. */
    public static boolean enabled() {
        if (!Boolean.getBoolean("tributary.testkit.docker")) {
            return false;
        }
        try {
            Class.forName("org.testcontainers.DockerClientFactory");
        } catch (ClassNotFoundException e) {
            LOG.warn("tributary.testkit.docker is set but Testcontainers is not on the test classpath; add"
                    + " org.testcontainers:testcontainers. Using the embedded peers.");
            return false;
        }
        if (!ContainerPeer.dockerAvailable()) {
            LOG.warn("tributary.testkit.docker is set but no Docker engine answers; using the embedded peers.");
            return false;
        }
        return true;
    }
}
