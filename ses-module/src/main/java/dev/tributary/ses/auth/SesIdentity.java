package dev.tributary.ses.auth;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.auth.internal.Domains;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.sesv2.model.DkimAttributes;
import software.amazon.awssdk.services.sesv2.model.DkimSigningAttributesOrigin;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.MailFromAttributes;

/**
 * What SES knows about a domain identity and the checks need: DKIM tokens or BYODKIM selector, DKIM status,
 * custom MAIL FROM domain and region. Fill it from GetEmailIdentity with {@link #fromResponse}, or by hand.
 * Immutable.
 *
 * <pre>{@code
 * SesIdentity id = SesIdentity.builder("example.com")
 *         .dkimTokens(List.of("tok1", "tok2", "tok3")).dkimStatus("SUCCESS")
 *         .mailFromDomain("mail.example.com").region("us-east-1")
 *         .build();
 * }</pre>
 */
public final class SesIdentity {
    /** How SES signs mail for the identity. */
    public enum SigningMode {
        /** Easy DKIM: SES keys, published as three CNAMEs to {@code <token>.dkim.amazonses.com}. */
        EASY,
        /** Bring your own DKIM: the user's key, published as a TXT record at a selector. */
        BYODKIM
    }

    private final String domain;
    private final List<String> dkimTokens;
    private final @Nullable String dkimStatus;
    private final SigningMode signingMode;
    private final @Nullable String selector;
    private final @Nullable String mailFromDomain;
    private final @Nullable String region;

    private SesIdentity(Builder b) {
        this.domain = b.domain;
        this.dkimTokens = List.copyOf(b.dkimTokens);
        this.dkimStatus = b.dkimStatus;
        this.signingMode = b.signingMode;
        this.selector = b.selector;
        this.mailFromDomain = b.mailFromDomain;
        this.region = b.region;
    }

    /**
     * Returns a builder for an identity.
     *
     * @param domainOrAddress the domain, or a sender address whose domain is used
     * @return the builder
     * @throws TributaryValidationException when the input is not a domain name
     */
    public static Builder builder(String domainOrAddress) {
        return new Builder(Domains.normalize(Objects.requireNonNull(domainOrAddress, "domain"), "domain"));
    }

    /**
     * Returns an identity with only the domain: Easy DKIM with unknown tokens, no custom MAIL FROM.
     *
     * @param domainOrAddress the domain, or a sender address whose domain is used
     * @return the identity
     * @throws TributaryValidationException when the input is not a domain name
     */
    public static SesIdentity ofDomain(String domainOrAddress) {
        return builder(domainOrAddress).build();
    }

    /**
     * Builds the identity from a GetEmailIdentity answer for a domain identity. An EXTERNAL signing origin
     * means BYODKIM, whose selector SES returns as the only token.
     *
     * @param domain the identity's domain (GetEmailIdentity's request parameter; the answer does not repeat it)
     * @param region the SES region the identity lives in, or null when unknown
     * @param response the answer
     * @return the identity
     * @throws TributaryValidationException when the domain is not a domain name
     */
    public static SesIdentity fromResponse(String domain, @Nullable String region, GetEmailIdentityResponse response) {
        Builder b = builder(domain).region(region);
        DkimAttributes dkim = response.dkimAttributes();
        if (dkim != null) {
            b.dkimStatus(dkim.statusAsString());
            List<String> tokens = dkim.hasTokens() ? dkim.tokens() : List.of();
            if (dkim.signingAttributesOrigin() == DkimSigningAttributesOrigin.EXTERNAL) {
                b.signingMode(SigningMode.BYODKIM).selector(tokens.isEmpty() ? null : tokens.get(0));
            } else {
                b.dkimTokens(tokens);
            }
        }
        MailFromAttributes mailFrom = response.mailFromAttributes();
        if (mailFrom != null && mailFrom.mailFromDomain() != null && !mailFrom.mailFromDomain().isBlank()) {
            b.mailFromDomain(mailFrom.mailFromDomain());
        }
        return b.build();
    }

    /** Returns the domain, lower case, without a trailing dot. */
    public String domain() {
        return domain;
    }

    /** Returns the Easy DKIM tokens; empty for BYODKIM or when unknown. */
    public List<String> dkimTokens() {
        return dkimTokens;
    }

    /** Returns the DKIM status SES reports ({@code SUCCESS}, {@code PENDING}, ...), when known. */
    public Optional<String> dkimStatus() {
        return Optional.ofNullable(dkimStatus);
    }

    /** Returns how SES signs for this identity. */
    public SigningMode signingMode() {
        return signingMode;
    }

    /** Returns the BYODKIM selector, when set. */
    public Optional<String> selector() {
        return Optional.ofNullable(selector);
    }

    /** Returns the custom MAIL FROM domain, when one is set. */
    public Optional<String> mailFromDomain() {
        return Optional.ofNullable(mailFromDomain);
    }

    /** Returns the SES region, such as {@code us-east-1}, when known. */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** Returns a builder with this identity's values. */
    public Builder toBuilder() {
        Builder b = new Builder(domain).dkimTokens(dkimTokens).dkimStatus(dkimStatus).signingMode(signingMode)
                .region(region);
        b.selector = selector;
        b.mailFromDomain = mailFromDomain;
        return b;
    }

    @Override
    public String toString() {
        return "SesIdentity[domain=" + domain + ", mode=" + signingMode + ", tokens=" + dkimTokens.size()
                + ", dkimStatus=" + dkimStatus + ", selector=" + selector + ", mailFrom=" + mailFromDomain
                + ", region=" + region + "]";
    }

    /** Builds a {@link SesIdentity}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private final String domain;
        private final List<String> dkimTokens = new ArrayList<>();
        private @Nullable String dkimStatus;
        private SigningMode signingMode = SigningMode.EASY;
        private @Nullable String selector;
        private @Nullable String mailFromDomain;
        private @Nullable String region;

        private Builder(String domain) {
            this.domain = domain;
        }

        /** Sets the Easy DKIM tokens (DkimAttributes.Tokens), replacing earlier ones. */
        public Builder dkimTokens(List<String> tokens) {
            dkimTokens.clear();
            for (String t : tokens) {
                dkimTokens.add(Objects.requireNonNull(t, "token").trim());
            }
            return this;
        }

        /** Sets the DKIM status SES reports (DkimAttributes.Status), or null when unknown. */
        public Builder dkimStatus(@Nullable String status) {
            this.dkimStatus = status == null || status.isBlank() ? null : status.trim().toUpperCase(Locale.ROOT);
            return this;
        }

        /** Sets the signing mode; default {@link SigningMode#EASY}. */
        public Builder signingMode(SigningMode mode) {
            this.signingMode = Objects.requireNonNull(mode, "signingMode");
            return this;
        }

        /** Sets the BYODKIM selector and switches the signing mode to {@link SigningMode#BYODKIM}. */
        public Builder byodkim(String selector) {
            this.signingMode = SigningMode.BYODKIM;
            return selector(selector);
        }

        /** Sets the BYODKIM selector, or null. */
        public Builder selector(@Nullable String selector) {
            this.selector = selector == null ? null : selector.trim().toLowerCase(Locale.ROOT);
            return this;
        }

        /** Sets the custom MAIL FROM domain, or null for none (SES then uses amazonses.com). */
        public Builder mailFromDomain(@Nullable String mailFromDomain) {
            this.mailFromDomain = mailFromDomain == null ? null : Domains.normalize(mailFromDomain, "mailFromDomain");
            return this;
        }

        /** Sets the SES region, such as {@code us-east-1}, or null when unknown. */
        public Builder region(@Nullable String region) {
            this.region = region == null || region.isBlank() ? null : region.trim().toLowerCase(Locale.ROOT);
            return this;
        }

        /**
         * Returns the identity.
         *
         * @throws TributaryValidationException when a token, the selector or the region is not a DNS label, or
         *     BYODKIM has no selector
         */
        public SesIdentity build() {
            for (int i = 0; i < dkimTokens.size(); i++) {
                if (!isLabel(dkimTokens.get(i))) {
                    throw TributaryValidationException.of("dkimTokens[" + i + "]", "must be a DNS label (letters, "
                            + "digits, '-', '_') as GetEmailIdentity returns it");
                }
            }
            if (signingMode == SigningMode.BYODKIM && selector == null) {
                throw TributaryValidationException.of("selector", "BYODKIM needs the selector the key is "
                        + "published under, as in <selector>._domainkey.<domain>");
            }
            if (selector != null && !selector.matches("[a-z0-9_-]+(\\.[a-z0-9_-]+)*")) {
                throw TributaryValidationException.of("selector", "must be one or more DNS labels like s1");
            }
            if (region != null && !isLabel(region)) {
                throw TributaryValidationException.of("region", "must be an AWS region name like us-east-1");
            }
            return new SesIdentity(this);
        }

        private static boolean isLabel(String s) {
            return !s.isEmpty() && s.length() <= 63 && s.matches("[A-Za-z0-9_-]+");
        }
    }
}
