package dev.tributary.ses.event;

import dev.tributary.core.TributaryClientException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.event.SnsMessageRejectedException.Reason;
import dev.tributary.ses.internal.notify.Json;
import dev.tributary.ses.event.internal.SnsCertificates;
import dev.tributary.ses.event.internal.SnsFields;
import dev.tributary.ses.event.internal.SnsHosts;
import dev.tributary.ses.event.internal.SnsHttp;
import dev.tributary.ses.event.internal.SnsVerification;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.TrustAnchor;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies messages that Amazon SNS posts to an HTTP(S) subscription before anything acts on them, as AWS
 * requires: SignatureVersion 1 (SHA1withRSA) or 2 (SHA256withRSA) over the documented string to sign, the
 * signing certificate fetched only over https from {@code sns.<region>.amazonaws.com} (or
 * {@code .amazonaws.com.cn}), checked for validity, an Amazon subject and a chain to the JDK trust store,
 * then cached; optionally only the topics you name. A message that fails any check gives a
 * {@link SnsMessageRejectedException} and nothing is applied.
 *
 * <p>One instance serves any number of threads; keep one per application so the certificate cache is shared.
 * The first message per certificate fetches it from AWS (5 s connect and 10 s request timeouts); a fetch that
 * fails gives a retryable {@link TributaryClientException}: answer SNS with a 5xx status and it redelivers.
 * Verification does not check the message's age: SNS retries HTTP deliveries for up to an hour and more, and
 * applying an SES event twice is harmless.
 *
 * <pre>{@code
 * SnsMessageVerifier verifier = SnsMessageVerifier.builder()
 *         .allowedTopicArns("arn:aws:sns:eu-west-1:123456789012:ses-events")
 *         .build();
 * // in the HTTP handler of the subscription endpoint
 * SnsMessage message = verifier.verify(requestBody);      // SnsMessageRejectedException -> answer 400
 * switch (message.type()) {
 *     case SUBSCRIPTION_CONFIRMATION -> verifier.confirmSubscription(message);
 *     case NOTIFICATION -> suppressionPolicy.apply(SesEvents.fromSns(message));
 *     case UNSUBSCRIBE_CONFIRMATION -> log.warn("unsubscribed from {}", message.topicArn());
 * }
 * }</pre>
 */
public final class SnsMessageVerifier {
    private static final Logger LOG = LoggerFactory.getLogger(SnsMessageVerifier.class);
    private static final Pattern SUBSCRIPTION_ARN = Pattern.compile("<SubscriptionArn>([^<]+)</SubscriptionArn>");

    private final SnsVerification verification;
    private final SnsHttp http;
    private final Set<String> allowedTopicArns;

    private SnsMessageVerifier(Builder b) {
        this.allowedTopicArns = Set.copyOf(b.allowedTopicArns);
        this.http = b.http;
        Set<TrustAnchor> anchors = b.trustAnchors != null ? b.trustAnchors : SnsCertificates.jdkTrustAnchors();
        this.verification = new SnsVerification(allowedTopicArns,
                new SnsCertificates(b.http, anchors, b.clock, b.certificateCacheSize));
    }

    /** Returns the shared verifier with default settings: any topic, JDK trust store, 32 cached certificates. */
    public static SnsMessageVerifier defaults() {
        return Defaults.INSTANCE;
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the topic ARNs this verifier accepts; empty means any topic. */
    public Set<String> allowedTopicArns() {
        return allowedTopicArns;
    }

    /**
     * Verifies an SNS message.
     *
     * @param json the HTTP request body exactly as SNS posted it
     * @return the verified message
     * @throws TributaryValidationException when the body is not JSON
     * @throws SnsMessageRejectedException when the message is not a validly signed SNS message from an allowed
     *     topic; nothing must be applied
     * @throws TributaryClientException (retryable) when the signing certificate cannot be fetched
     */
    public SnsMessage verify(String json) {
        SnsFields f = SnsFields.read(Json.read("json", json));
        verification.verify(f);
        Instant timestamp;
        try {
            timestamp = Instant.parse(f.timestamp());
        } catch (DateTimeParseException e) {
            throw SnsMessageRejectedException.of(Reason.MALFORMED, "Timestamp is not an ISO-8601 instant", e);
        }
        URI subscribeUrl = f.subscribeUrl() == null ? null : URI.create(f.subscribeUrl());
        LOG.debug("SNS message verified [type={}, messageId={}]", f.type(), f.messageId());
        return SnsMessage.verified(f.type(), f.messageId(), f.topicArn(), f.subject(), f.message(), timestamp,
                subscribeUrl, f.token());
    }

    /**
     * Confirms a subscription by an HTTPS GET of its {@code SubscribeURL}, after checking that the URL is on
     * an SNS host. (Alternatively call the SNS ConfirmSubscription API with {@link SnsMessage#topicArn()} and
     * {@link SnsMessage#token()}.)
     *
     * @param message a verified SubscriptionConfirmation
     * @return the ARN of the confirmed subscription, when SNS's answer names it
     * @throws TributaryValidationException when the message is not a SubscriptionConfirmation
     * @throws SnsMessageRejectedException (UNTRUSTED_SUBSCRIBE_URL) when the URL is not an SNS https URL
     * @throws TributaryClientException (retryable) when SNS cannot be reached or refuses
     */
    public Optional<String> confirmSubscription(SnsMessage message) {
        if (message.type() != SnsMessageType.SUBSCRIPTION_CONFIRMATION) {
            throw TributaryValidationException.of("message", "is a " + message.type().wireName()
                    + "; only a SubscriptionConfirmation can be confirmed");
        }
        URI url = SnsHosts.snsHttpsUrl(message.subscribeUrl().map(URI::toString).orElse(null));
        if (url == null) {
            throw SnsMessageRejectedException.of(Reason.UNTRUSTED_SUBSCRIBE_URL, "SubscribeURL must be an https "
                    + "URL on sns.<region>.amazonaws.com (or .amazonaws.com.cn)");
        }
        String answer;
        try {
            answer = new String(http.get(url), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw TributaryClientException.ioFailure("Confirming the SNS subscription failed (" + e.getMessage()
                    + "); retry, or confirm with the SNS ConfirmSubscription API and the message's token", e);
        }
        Matcher m = SUBSCRIPTION_ARN.matcher(answer);
        LOG.debug("SNS subscription confirmed [topicArn={}]", message.topicArn());
        return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    private static final class Defaults {
        static final SnsMessageVerifier INSTANCE = builder().build();
    }

    /** Builds a {@link SnsMessageVerifier}; not thread-safe, {@link #build()} validates. */
    public static final class Builder {
        private final Set<String> allowedTopicArns = new LinkedHashSet<>();
        private int certificateCacheSize = 32;
        private SnsHttp http = SnsHttp.defaults();
        private @Nullable Set<TrustAnchor> trustAnchors;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * Accepts only messages from these topics (replacing earlier calls); by default any topic is accepted.
         * Recommended: a validly signed message from someone else's topic is otherwise accepted too.
         *
         * @param topicArns the ARNs of the topics SES publishes your events to
         * @return this builder
         */
        public Builder allowedTopicArns(Collection<String> topicArns) {
            allowedTopicArns.clear();
            for (String arn : topicArns) {
                if (arn == null || !arn.startsWith("arn:") || arn.split(":", -1).length != 6) {
                    throw TributaryValidationException.of("allowedTopicArns",
                            "must hold topic ARNs such as arn:aws:sns:eu-west-1:123456789012:ses-events");
                }
                allowedTopicArns.add(arn);
            }
            return this;
        }

        /**
         * Same as {@link #allowedTopicArns(Collection)}.
         *
         * @param topicArns the ARNs of the topics SES publishes your events to
         * @return this builder
         */
        public Builder allowedTopicArns(String... topicArns) {
            return allowedTopicArns(Arrays.asList(topicArns));
        }

        /**
         * Sets how many signing certificates to keep (least recently used go first); default 32. SNS signs
         * with one certificate per region for months, so a few suffice.
         *
         * @param size 1 to 1000
         * @return this builder
         */
        public Builder certificateCacheSize(int size) {
            if (size < 1 || size > 1000) {
                throw TributaryValidationException.of("certificateCacheSize", "must be between 1 and 1000");
            }
            this.certificateCacheSize = size;
            return this;
        }

        // Testing hooks, package-private on purpose: production code must fetch from AWS and trust the JDK store.

        Builder httpForTesting(SnsHttp http) {
            this.http = http;
            return this;
        }

        Builder trustAnchorsForTesting(Set<TrustAnchor> anchors) {
            this.trustAnchors = Set.copyOf(anchors);
            return this;
        }

        Builder clockForTesting(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Returns the verifier. */
        public SnsMessageVerifier build() {
            return new SnsMessageVerifier(this);
        }
    }
}
