package dev.tributary.ses;

import dev.tributary.core.TributaryValidationException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.Region;

/**
 * How to reach an SMTP server, normally SES's SMTP interface ({@code email-smtp.<region>.amazonaws.com},
 * port 587 with STARTTLS or 465 with TLS) with SES SMTP credentials. Immutable; {@link #toString()} hides
 * the credentials.
 *
 * <pre>{@code
 * SmtpSettings smtp = SmtpSettings.forRegion(Region.EU_WEST_1, smtpUser, smtpPassword);
 * SesMailer mailer = SesMailer.builder().smtp(smtp).maxSendRate(14).build();
 * }</pre>
 */
public final class SmtpSettings {
    /** How the connection is secured. */
    public enum Security {
        /** Plain connection upgraded with STARTTLS, which is required (port 587 or 25). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        IMPLICIT_TLS,
        /** No TLS at all: only for local test servers, and never with credentials (AUTH would be in clear text). */
        NONE
    }

    private final String host;
    private final int port;
    private final Security security;
    private final @Nullable String username;
    private final @Nullable String password;
    private final @Nullable SSLSocketFactory socketFactory;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    private SmtpSettings(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.security = b.security;
        this.username = b.username;
        this.password = b.password;
        this.socketFactory = b.socketFactory;
        this.connectTimeout = b.connectTimeout;
        this.readTimeout = b.readTimeout;
    }

    /**
     * Returns settings for SES's SMTP endpoint in a region: port 587, STARTTLS required.
     *
     * @param region the SES region
     * @param username the SES SMTP user name
     * @param password the SES SMTP password (not the IAM secret access key)
     * @return the settings
     */
    public static SmtpSettings forRegion(Region region, String username, String password) {
        return builder().host("email-smtp." + region.id() + ".amazonaws.com").port(587)
                .security(Security.STARTTLS).credentials(username, password).build();
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the host. */
    public String host() {
        return host;
    }

    /** Returns the port. */
    public int port() {
        return port;
    }

    /** Returns how the connection is secured. */
    public Security security() {
        return security;
    }

    /** Returns the SMTP user name, when AUTH is used. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** Returns the SMTP password, when AUTH is used. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** Returns a custom TLS socket factory (for a private trust store), if set. */
    public Optional<SSLSocketFactory> socketFactory() {
        return Optional.ofNullable(socketFactory);
    }

    /** Returns the connect timeout. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Returns the read/write timeout. */
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", " + security + ", auth=" + (username != null) + "]";
    }

    /** Builds {@link SmtpSettings}. Not thread-safe. */
    public static final class Builder {
        private @Nullable String host;
        private int port = 587;
        private Security security = Security.STARTTLS;
        private @Nullable String username;
        private @Nullable String password;
        private @Nullable SSLSocketFactory socketFactory;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /** Sets the host. Required. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Sets the port; default 587. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Sets the security; default STARTTLS (required). */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** Sets SMTP AUTH credentials; needs STARTTLS or IMPLICIT_TLS (refused with {@link Security#NONE}). */
        public Builder credentials(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /** Uses a TLS socket factory that trusts a private CA (tests, proxies); host names are still checked. */
        public Builder socketFactory(@Nullable SSLSocketFactory socketFactory) {
            this.socketFactory = socketFactory;
            return this;
        }

        /** Sets connect and read timeouts. */
        public Builder timeouts(Duration connect, Duration read) {
            this.connectTimeout = Objects.requireNonNull(connect, "connect");
            this.readTimeout = Objects.requireNonNull(read, "read");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the settings
         * @throws TributaryValidationException naming the invalid field, also when credentials are combined
         *     with {@link Security#NONE} (they would cross the network in clear text)
         */
        public SmtpSettings build() {
            if (host == null || host.isBlank()) {
                throw TributaryValidationException.of("smtp.host", "is required, e.g. email-smtp.eu-west-1.amazonaws.com");
            }
            if (port < 1 || port > 65535) {
                throw TributaryValidationException.of("smtp.port", "must be 1-65535 (SES: 587 STARTTLS or 465 TLS)");
            }
            // No opt-out: local servers that need AUTH offer STARTTLS (the test kit's LocalSmtp) or SMTPS.
            if (security == Security.NONE && username != null) {
                throw TributaryValidationException.of("smtp.security", "is NONE but credentials are set: SMTP AUTH"
                        + " would send them in clear text. Use STARTTLS (port 587) or IMPLICIT_TLS (port 465),"
                        + " or drop the credentials for an unauthenticated local test server");
            }
            return new SmtpSettings(this);
        }
    }
}
