package dev.tributary.core;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.regions.Region;

/**
 * Settings shared by every SDK client Tributary builds: region, credentials, endpoint override, timeouts, and
 * optionally execution interceptors, metric publishers and the HTTP client to use.
 *
 * <p>Clients built from these settings have the SDK's own retries turned off, because Resilience4j owns
 * retries (see {@link Resilience}); otherwise attempts would multiply. Immutable and thread-safe; unset values
 * fall back to the SDK's default chains (region and credentials from the environment). HTTP clients and
 * metric publishers given here belong to the caller: clients built from these settings never close them.
 *
 * <pre>{@code
 * ClientSettings settings = ClientSettings.builder()
 *         .region(Region.EU_WEST_1)
 *         .apiCallTimeout(Duration.ofSeconds(10))
 *         .build();
 * DynamoDbClient dynamo = settings.applyTo(DynamoDbClient.builder()).build();
 * }</pre>
 */
public final class ClientSettings {
    /** Default limit for one API call including all attempts. */
    public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(30);
    /** Default limit for establishing a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final @Nullable Region region;
    private final @Nullable AwsCredentialsProvider credentialsProvider;
    private final @Nullable URI endpointOverride;
    private final Duration apiCallTimeout;
    private final @Nullable Duration apiCallAttemptTimeout;
    private final Duration connectTimeout;
    private final List<ExecutionInterceptor> executionInterceptors;
    private final List<MetricPublisher> metricPublishers;
    private final @Nullable SdkHttpClient httpClient;
    private final @Nullable SdkAsyncHttpClient asyncHttpClient;

    private ClientSettings(Builder b) {
        this.region = b.region;
        this.credentialsProvider = b.credentialsProvider;
        this.endpointOverride = b.endpointOverride;
        this.apiCallTimeout = b.apiCallTimeout;
        this.apiCallAttemptTimeout = b.apiCallAttemptTimeout;
        this.connectTimeout = b.connectTimeout;
        this.executionInterceptors = List.copyOf(b.executionInterceptors);
        this.metricPublishers = List.copyOf(b.metricPublishers);
        this.httpClient = b.httpClient;
        this.asyncHttpClient = b.asyncHttpClient;
    }

    /** Returns a builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns settings that use the SDK's default region and credential chains. */
    public static ClientSettings defaults() {
        return builder().build();
    }

    /**
     * Returns settings for a local server such as DynamoDB Local or the SES emulator: the given endpoint,
     * region us-east-1 and static dummy credentials.
     *
     * @param endpoint the local server's base URI, for example {@code http://127.0.0.1:8000}
     * @return the settings
     */
    public static ClientSettings local(URI endpoint) {
        return builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    /** Returns a builder initialised from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Returns the region, when one was set. */
    public Optional<Region> region() {
        return Optional.ofNullable(region);
    }

    /** Returns the credentials provider, when one was set. */
    public Optional<AwsCredentialsProvider> credentialsProvider() {
        return Optional.ofNullable(credentialsProvider);
    }

    /** Returns the endpoint override, when one was set. */
    public Optional<URI> endpointOverride() {
        return Optional.ofNullable(endpointOverride);
    }

    /** Returns the limit for one API call, all attempts included. */
    public Duration apiCallTimeout() {
        return apiCallTimeout;
    }

    /** Returns the limit for one attempt of an API call, when one was set. */
    public Optional<Duration> apiCallAttemptTimeout() {
        return Optional.ofNullable(apiCallAttemptTimeout);
    }

    /** Returns the connection timeout modules apply to the HTTP clients they build. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Returns the execution interceptors added to every client, in order; unmodifiable. */
    public List<ExecutionInterceptor> executionInterceptors() {
        return executionInterceptors;
    }

    /** Returns the metric publishers added to every client; unmodifiable. */
    public List<MetricPublisher> metricPublishers() {
        return metricPublishers;
    }

    /** Returns the HTTP client for synchronous SDK clients, when one was chosen. */
    public Optional<SdkHttpClient> httpClient() {
        return Optional.ofNullable(httpClient);
    }

    /** Returns the HTTP client for asynchronous SDK clients, when one was chosen. */
    public Optional<SdkAsyncHttpClient> asyncHttpClient() {
        return Optional.ofNullable(asyncHttpClient);
    }

    /**
     * Returns the override configuration for SDK clients: the timeouts, the execution interceptors and metric
     * publishers, and SDK retries turned off.
     *
     * @return the override configuration
     */
    public ClientOverrideConfiguration overrideConfiguration() {
        ClientOverrideConfiguration.Builder b = ClientOverrideConfiguration.builder()
                .apiCallTimeout(apiCallTimeout)
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .executionInterceptors(executionInterceptors)
                .metricPublishers(metricPublishers);
        if (apiCallAttemptTimeout != null) {
            b.apiCallAttemptTimeout(apiCallAttemptTimeout);
        }
        return b.build();
    }

    /**
     * Applies these settings to an SDK client builder: region, credentials, endpoint,
     * {@link #overrideConfiguration()}, and the chosen {@link #httpClient()} (sync builders) or
     * {@link #asyncHttpClient()} (async builders) when one was set; otherwise the HTTP client is left to the
     * caller.
     *
     * @param builder an SDK client builder, such as {@code DynamoDbClient.builder()}
     * @param <B> the builder type
     * @return the same builder, for chaining
     */
    public <B extends AwsClientBuilder<B, ?>> B applyTo(B builder) {
        if (region != null) {
            builder.region(region);
        }
        if (credentialsProvider != null) {
            builder.credentialsProvider(credentialsProvider);
        }
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        builder.overrideConfiguration(overrideConfiguration());
        if (httpClient != null && builder instanceof SdkSyncClientBuilder<?, ?> sync) {
            sync.httpClient(httpClient);
        }
        if (asyncHttpClient != null && builder instanceof SdkAsyncClientBuilder<?, ?> async) {
            async.httpClient(asyncHttpClient);
        }
        return builder;
    }

    /**
     * Applies these settings to a synchronous SDK client builder, with {@code defaultHttpClient} when no
     * {@link #httpClient()} was chosen. Tributary's modules build their clients this way.
     *
     * @param builder an SDK client builder, such as {@code DynamoDbClient.builder()}
     * @param defaultHttpClient the HTTP client builder to use when the settings name none; the SDK client
     *     built from it owns (and closes) the HTTP client
     * @param <B> the builder type
     * @return the same builder, for chaining
     */
    public <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B applyTo(
            B builder, SdkHttpClient.Builder<?> defaultHttpClient) {
        applyTo(builder);
        if (httpClient == null) {
            builder.httpClientBuilder(defaultHttpClient);
        }
        return builder;
    }

    /**
     * Applies these settings to an asynchronous SDK client builder, with {@code defaultHttpClient} when no
     * {@link #asyncHttpClient()} was chosen.
     *
     * @param builder an async SDK client builder, such as {@code SesV2AsyncClient.builder()}
     * @param defaultHttpClient the HTTP client builder to use when the settings name none
     * @param <B> the builder type
     * @return the same builder, for chaining
     */
    public <B extends AwsClientBuilder<B, ?> & SdkAsyncClientBuilder<B, ?>> B applyTo(
            B builder, SdkAsyncHttpClient.Builder<?> defaultHttpClient) {
        applyTo(builder);
        if (asyncHttpClient == null) {
            builder.httpClientBuilder(defaultHttpClient);
        }
        return builder;
    }

    @Override
    public String toString() {
        // Credentials are never printed, only whether a provider was set.
        return "ClientSettings[region=" + region + ", endpointOverride=" + endpointOverride
                + ", credentialsProvider=" + (credentialsProvider == null ? "default chain" : "set")
                + ", apiCallTimeout=" + apiCallTimeout + ", apiCallAttemptTimeout=" + apiCallAttemptTimeout
                + ", connectTimeout=" + connectTimeout + ", executionInterceptors=" + executionInterceptors.size()
                + ", metricPublishers=" + metricPublishers.size()
                + ", httpClient=" + (httpClient == null ? "module default" : httpClient.clientName())
                + ", asyncHttpClient=" + (asyncHttpClient == null ? "module default" : asyncHttpClient.clientName())
                + "]";
    }

    /** Builds {@link ClientSettings}; validates at {@link #build()}. Not thread-safe. */
    public static final class Builder {
        private @Nullable Region region;
        private @Nullable AwsCredentialsProvider credentialsProvider;
        private @Nullable URI endpointOverride;
        private Duration apiCallTimeout = DEFAULT_API_CALL_TIMEOUT;
        private @Nullable Duration apiCallAttemptTimeout;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private final List<ExecutionInterceptor> executionInterceptors = new ArrayList<>();
        private final List<MetricPublisher> metricPublishers = new ArrayList<>();
        private @Nullable SdkHttpClient httpClient;
        private @Nullable SdkAsyncHttpClient asyncHttpClient;

        private Builder() {}

        private Builder(ClientSettings s) {
            this.region = s.region;
            this.credentialsProvider = s.credentialsProvider;
            this.endpointOverride = s.endpointOverride;
            this.apiCallTimeout = s.apiCallTimeout;
            this.apiCallAttemptTimeout = s.apiCallAttemptTimeout;
            this.connectTimeout = s.connectTimeout;
            this.executionInterceptors.addAll(s.executionInterceptors);
            this.metricPublishers.addAll(s.metricPublishers);
            this.httpClient = s.httpClient;
            this.asyncHttpClient = s.asyncHttpClient;
        }

        /** Sets the region; unset means the SDK's default region chain. */
        public Builder region(@Nullable Region region) {
            this.region = region;
            return this;
        }

        /** Sets the credentials provider; unset means the SDK's default credentials chain. */
        public Builder credentialsProvider(@Nullable AwsCredentialsProvider credentialsProvider) {
            this.credentialsProvider = credentialsProvider;
            return this;
        }

        /** Sets an endpoint override, for local servers or VPC endpoints. */
        public Builder endpointOverride(@Nullable URI endpointOverride) {
            this.endpointOverride = endpointOverride;
            return this;
        }

        /** Sets the limit for one API call including all attempts; default 30 s. */
        public Builder apiCallTimeout(Duration apiCallTimeout) {
            this.apiCallTimeout = Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
            return this;
        }

        /** Sets the limit for one attempt; default none. */
        public Builder apiCallAttemptTimeout(@Nullable Duration apiCallAttemptTimeout) {
            this.apiCallAttemptTimeout = apiCallAttemptTimeout;
            return this;
        }

        /** Sets the connection timeout for HTTP clients Tributary builds; default 5 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Adds an execution interceptor to every client built from these settings (tracing, request
         * logging), after those added before.
         *
         * @param interceptor the interceptor; must be thread-safe
         * @return this builder
         */
        public Builder addExecutionInterceptor(ExecutionInterceptor interceptor) {
            executionInterceptors.add(Objects.requireNonNull(interceptor, "interceptor"));
            return this;
        }

        /**
         * Adds an SDK metric publisher (such as CloudWatch's) to every client built from these settings. The
         * caller closes it.
         *
         * @param publisher the publisher
         * @return this builder
         */
        public Builder addMetricPublisher(MetricPublisher publisher) {
            metricPublishers.add(Objects.requireNonNull(publisher, "publisher"));
            return this;
        }

        /**
         * Chooses the HTTP client for synchronous SDK clients, instead of the module's default (URL
         * connection). One client may be shared by many SDK clients; the caller closes it.
         *
         * @param httpClient the HTTP client, such as {@code ApacheHttpClient.create()}; null for the default
         * @return this builder
         */
        public Builder httpClient(@Nullable SdkHttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /**
         * Chooses the HTTP client for asynchronous SDK clients, instead of the module's default (Netty). The
         * caller closes it.
         *
         * @param asyncHttpClient the HTTP client, such as {@code AwsCrtAsyncHttpClient.create()}; null for the
         *     default
         * @return this builder
         */
        public Builder asyncHttpClient(@Nullable SdkAsyncHttpClient asyncHttpClient) {
            this.asyncHttpClient = asyncHttpClient;
            return this;
        }

        /**
         * Validates and builds the settings.
         *
         * @return the settings
         * @throws TributaryValidationException naming the field when a timeout is not positive or the endpoint
         *     is not an absolute http(s) URI
         */
        public ClientSettings build() {
            requirePositive("apiCallTimeout", apiCallTimeout);
            requirePositive("connectTimeout", connectTimeout);
            if (apiCallAttemptTimeout != null) {
                requirePositive("apiCallAttemptTimeout", apiCallAttemptTimeout);
            }
            if (endpointOverride != null) {
                String scheme = endpointOverride.getScheme();
                if (!("http".equals(scheme) || "https".equals(scheme)) || endpointOverride.getHost() == null) {
                    throw TributaryValidationException.of(
                            "endpointOverride", "must be an absolute http or https URI such as http://127.0.0.1:8000");
                }
            }
            return new ClientSettings(this);
        }

        private static void requirePositive(String field, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw TributaryValidationException.of(field, "must be a positive duration");
            }
        }
    }
}
