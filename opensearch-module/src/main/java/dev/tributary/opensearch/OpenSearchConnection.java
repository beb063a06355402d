package dev.tributary.opensearch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tributary.core.ClientSettings;
import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryRejectedException;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.core.support.ClientHolder;
import dev.tributary.opensearch.internal.Connections;
import dev.tributary.opensearch.internal.GuardedTransport;
import dev.tributary.opensearch.internal.OpenSearchErrors;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.util.Timeout;
import org.apache.http.conn.ssl.DefaultHostnameVerifier;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.jspecify.annotations.Nullable;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch.generic.OpenSearchGenericClient;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.TransportOptions;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * One connection to an OpenSearch cluster, shared by {@link SearchIndex}es and {@link BulkIndexer}s: the
 * opensearch-java client over Apache HTTP 5 (URL, basic auth, TLS with verification on and an optional
 * trust store) or over the AWS SDK with SigV4 for Amazon OpenSearch Service ({@code es}) and Serverless
 * ({@code aoss}); request bodies gzip-compressed; one Resilience4j guard per index.
 *
 * <p>Thread-safe; create one per cluster and share it. {@link #close()} closes the transport when the
 * connection created it (idempotent, never throws); a client passed to {@link #of(OpenSearchClient)} or
 * {@link Builder#client(OpenSearchClient)} is never closed. After {@code close()} every call through the
 * connection, including its {@link #client()}, fails with {@link TributaryRejectedException} ({@code CLOSED})
 * before anything is sent.
 *
 * <pre>{@code
 * OpenSearchConnection local = OpenSearchConnection.builder().url("http://127.0.0.1:9200").build();
 * OpenSearchConnection aws = OpenSearchConnection.builder()
 *         .url("https://search-products-abc.eu-west-1.es.amazonaws.com")
 *         .clientSettings(ClientSettings.builder().region(Region.EU_WEST_1).build())
 *         .aws(AwsService.ES)
 *         .resilience(ResilienceSettings.defaults())
 *         .build();
 * }</pre>
 */
public final class OpenSearchConnection implements AutoCloseable {
    /** The AWS service to sign requests for. */
    public enum AwsService {
        /** Amazon OpenSearch Service domains. */
        ES("es"),
        /** Amazon OpenSearch Serverless collections. */
        AOSS("aoss");

        private final String signingName;

        AwsService(String signingName) {
            this.signingName = signingName;
        }

        /** Returns the SigV4 signing name. */
        public String signingName() {
            return signingName;
        }
    }

    static {
        Connections.install(new Connections.Access() {
            @Override
            public Resilience guard(OpenSearchConnection connection, String name) {
                return connection.guardFor(name);
            }

            @Override
            public OpenSearchGenericClient generic(OpenSearchConnection connection) {
                return connection.generic;
            }
        });
    }

    private final OpenSearchClient client;
    /** Built once: every bulk request goes through it, and {@code client.generic()} builds a new one a call. */
    private final OpenSearchGenericClient generic;
    private final GuardedTransport transport;
    private final ObjectMapper json;
    private final ResilienceSettings resilience;
    private final ConcurrentHashMap<String, Resilience> guards = new ConcurrentHashMap<>();

    private OpenSearchConnection(GuardedTransport transport, @Nullable TransportOptions options, ObjectMapper json,
            ResilienceSettings resilience) {
        this.transport = transport;
        this.client = options == null ? new OpenSearchClient(transport) : new OpenSearchClient(transport, options);
        this.generic = client.generic();
        this.json = json;
        this.resilience = resilience;
    }

    private static OpenSearchConnection borrowed(OpenSearchClient client, ResilienceSettings resilience) {
        return new OpenSearchConnection(new GuardedTransport(ClientHolder.borrowed(client._transport()), null),
                client._transportOptions(), defaultMapper(), resilience);
    }

    /** Returns a builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Wraps a client the user built; it is never closed by Tributary.
     *
     * @param client the client; its transport's mapper should be Jackson-based for typed documents
     * @return the connection
     */
    public static OpenSearchConnection of(OpenSearchClient client) {
        return borrowed(Objects.requireNonNull(client, "client"), ResilienceSettings.defaults());
    }

    /**
     * Returns the opensearch-java client on this connection's transport (for calls Tributary does not wrap).
     * It is refused after {@link #close()}; for a client passed in, this is a view on the same transport.
     */
    public OpenSearchClient client() {
        return client;
    }

    /** Returns the Jackson mapper used for documents. */
    public ObjectMapper json() {
        return json;
    }

    private Resilience guardFor(String name) {
        transport.requireOpen();
        return guards.computeIfAbsent(name, n -> Resilience.create(n,
                resilience.toBuilder().classifier(OpenSearchErrors.CLASSIFIER).build()));
    }

    /**
     * Closes the transport (and the SigV4 HTTP client) if this connection created them; a client passed in stays
     * open. Idempotent; never throws: a failure to release is logged at WARN. Later calls through this connection
     * fail with {@link TributaryRejectedException} ({@code CLOSED}).
     */
    @Override
    public void close() {
        transport.close();
    }

    /**
     * Returns a TLS strategy that checks the host name itself as well as through JSSE: the client's default
     * (JSSE only) let a certificate for 127.0.0.1 pass for {@code https://localhost}.
     */
    private static TlsStrategy tlsStrategy(@Nullable SSLContext sslContext) {
        ClientTlsStrategyBuilder tls = ClientTlsStrategyBuilder.create();
        if (sslContext != null) {
            tls.setSslContext(sslContext);
        }
        return tls.setHostVerificationPolicy(HostnameVerificationPolicy.BOTH)
                .setHostnameVerifier(HttpsSupport.getDefaultHostnameVerifier())
                .buildAsync();
    }

    static ObjectMapper defaultMapper() {
        return new ObjectMapper()
                .findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * Builds an {@link OpenSearchConnection}. Not thread-safe.
     *
     * <p>Transport settings come from {@link #clientSettings(ClientSettings)} like every Tributary facade: its
     * region and credentials provider sign SigV4 requests, its endpoint override is the node URL when no
     * {@link #url} is set, its connect timeout bounds the TCP/TLS connect, its attempt timeout (else its API-call
     * timeout) bounds the wait for a response, and its {@code httpClient} (caller-owned, never closed here) carries
     * SigV4 requests. {@link #aws(AwsService)} chooses SigV4 and the service. The older setters
     * {@link #aws(Region, AwsService)}, {@link #credentials} and {@link #timeouts} stay as shortcuts: each sets
     * exactly one of those values, and wins over {@code clientSettings} whatever the call order, so existing code
     * keeps its meaning. Without {@code clientSettings} the defaults are a 5 s connect and a 60 s response timeout.
     */
    public static final class Builder {
        private final List<URI> urls = new ArrayList<>();
        private @Nullable OpenSearchClient client;
        private @Nullable ClientSettings clientSettings;
        private @Nullable String username;
        private @Nullable String password;
        private @Nullable SSLContext sslContext;
        private @Nullable Region region;
        private @Nullable AwsService service;
        private @Nullable AwsCredentialsProvider credentials;
        private boolean allowInsecureBasicAuth;
        private boolean compression = true;
        private @Nullable Duration connectTimeout;
        private @Nullable Duration responseTimeout;
        private int maxConnections = 32;
        private ObjectMapper json = defaultMapper();
        private ResilienceSettings resilience = ResilienceSettings.defaults();

        private Builder() {}

        /**
         * Uses a client the user built instead of building one; Tributary never closes it. Exclusive with
         * {@link #url}, {@link #clientSettings} and the transport setters.
         */
        public Builder client(OpenSearchClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Builds the transport from these settings (see the class comment for what maps to what); the connection
         * closes what it builds. Exclusive with {@link #client(OpenSearchClient)}.
         */
        public Builder clientSettings(ClientSettings clientSettings) {
            this.clientSettings = Objects.requireNonNull(clientSettings, "clientSettings");
            return this;
        }

        /** Adds a node URL such as {@code https://search-x.eu-west-1.es.amazonaws.com}. */
        public Builder url(String url) {
            return url(URI.create(url));
        }

        /** Adds a node URL. */
        public Builder url(URI url) {
            urls.add(Objects.requireNonNull(url, "url"));
            return this;
        }

        /**
         * Uses HTTP basic authentication (fine-grained access control's internal users). Needs {@code https://}
         * URLs unless {@link #allowInsecureBasicAuth()} is set. A wrong user or password fails calls with a
         * non-retryable {@link OpenSearchException} ({@link OpenSearchFailure#UNAUTHORIZED}) that names neither.
         */
        public Builder basicAuth(String username, String password) {
            this.username = Objects.requireNonNull(username, "username");
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * Allows {@link #basicAuth} over {@code http://}, which sends the password in clear text on every
         * request; only for a local test node without TLS. Off by default: {@link #build()} refuses it.
         */
        public Builder allowInsecureBasicAuth() {
            this.allowInsecureBasicAuth = true;
            return this;
        }

        /**
         * Trusts only the certificates of this trust store (PKCS12 or JKS), for a private CA; used by both the
         * basic-auth and the SigV4 transport. Certificate and hostname verification stay on. Without it the
         * JDK's default trust store is used.
         *
         * @throws TributaryValidationException when the file cannot be read or the password is wrong
         */
        public Builder trustStore(Path file, char[] password) {
            try (InputStream in = Files.newInputStream(file)) {
                KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
                ks.load(in, password);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ks);
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(null, tmf.getTrustManagers(), null);
                this.sslContext = ctx;
                return this;
            } catch (IOException | GeneralSecurityException e) {
                throw TributaryValidationException.of("trustStore", "could not be loaded ("
                        + e.getClass().getSimpleName() + "): check the path, type and password");
            }
        }

        /** Uses this TLS context for both transports (certificate and hostname verification stay on). */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
            return this;
        }

        /**
         * Signs requests with SigV4 for {@code service}; the region and credentials come from
         * {@link #clientSettings} (or the SDK's default chains).
         */
        public Builder aws(AwsService service) {
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /** Shortcut: signs requests with SigV4 for {@code service} in {@code region} (wins over clientSettings). */
        public Builder aws(Region region, AwsService service) {
            this.region = Objects.requireNonNull(region, "region");
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /** Shortcut: sets the credentials for SigV4 (wins over clientSettings' credentials provider). */
        public Builder credentials(AwsCredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** Turns gzip request compression on (default) or off. */
        public Builder compression(boolean compression) {
            this.compression = compression;
            return this;
        }

        /**
         * Shortcut: sets the timeouts (wins over clientSettings): {@code connect} bounds the TCP (and TLS) connect
         * to a node, {@code response} the wait for a response once the request is sent, and also the wait for a
         * free pooled connection. Defaults: 5 s and 60 s.
         */
        public Builder timeouts(Duration connect, Duration response) {
            this.connectTimeout = Objects.requireNonNull(connect, "connect");
            this.responseTimeout = Objects.requireNonNull(response, "response");
            return this;
        }

        /** Sets the connection pool size; default 32. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** Sets the Jackson mapper for documents. */
        public Builder json(ObjectMapper json) {
            this.json = Objects.requireNonNull(json, "json");
            return this;
        }

        /** Sets retries, circuit breaking and rate limiting for every index's guard ({@code opensearch.<index>}). */
        public Builder resilience(ResilienceSettings resilience) {
            this.resilience = Objects.requireNonNull(resilience, "resilience");
            return this;
        }

        /**
         * Validates and builds. Nothing is sent to the cluster.
         *
         * @return the connection
         * @throws TributaryValidationException when no URL is set, a URL is not http(s), {@code client} is combined
         *     with transport settings, basic auth is set for an {@code http://} URL without
         *     {@link #allowInsecureBasicAuth()}, SigV4 is combined with basic auth or a non-https URL, a timeout or
         *     the pool size is not positive, or SigV4 has no region
         */
        public OpenSearchConnection build() {
            if (client != null) {
                if (!urls.isEmpty() || clientSettings != null || username != null || service != null
                        || sslContext != null || credentials != null || connectTimeout != null) {
                    throw TributaryValidationException.of("client", "cannot be combined with url, clientSettings,"
                            + " basicAuth, aws, trustStore/sslContext, credentials or timeouts: the client you built"
                            + " already has its transport");
                }
                return borrowed(client, resilience);
            }
            List<URI> nodes = new ArrayList<>(urls);
            if (nodes.isEmpty() && clientSettings != null) {
                clientSettings.endpointOverride().ifPresent(nodes::add);
            }
            if (nodes.isEmpty()) {
                throw TributaryValidationException.of("url", "at least one node URL is required");
            }
            for (URI u : nodes) {
                if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                    throw TributaryValidationException.of("url", "must be an absolute http(s) URL like https://host:9200");
                }
            }
            if (maxConnections < 1) {
                throw TributaryValidationException.of("maxConnections", "must be at least 1");
            }
            Duration connect = connectTimeout != null ? connectTimeout
                    : clientSettings != null ? clientSettings.connectTimeout() : ClientSettings.DEFAULT_CONNECT_TIMEOUT;
            Duration response = responseTimeout != null ? responseTimeout
                    : clientSettings != null ? clientSettings.apiCallAttemptTimeout().orElse(clientSettings.apiCallTimeout())
                    : Duration.ofSeconds(60);
            requirePositive("timeouts.connect", connect);
            requirePositive("timeouts.response", response);
            boolean anyHttp = nodes.stream().anyMatch(u -> "http".equals(u.getScheme()));
            if (username != null && anyHttp && !allowInsecureBasicAuth) {
                throw TributaryValidationException.of("basicAuth", "would send the password in clear text over"
                        + " http://: use https:// node URLs, or call allowInsecureBasicAuth() for a local test node");
            }
            JacksonJsonpMapper mapper = new JacksonJsonpMapper(json);
            if (service != null) {
                if (username != null) {
                    throw TributaryValidationException.of("basicAuth", "cannot be combined with SigV4 (aws(...))");
                }
                if (anyHttp) {
                    throw TributaryValidationException.of("url", "SigV4 (aws(...)) needs an https:// URL such as"
                            + " https://search-x.eu-west-1.es.amazonaws.com");
                }
                return sigV4(nodes.get(0), mapper, connect, response);
            }
            return apache(nodes, mapper, connect, response);
        }

        private OpenSearchConnection sigV4(URI u, JacksonJsonpMapper mapper, Duration connect, Duration response) {
            AwsService signing = Objects.requireNonNull(service);
            Region signingRegion = region != null ? region
                    : clientSettings != null && clientSettings.region().isPresent() ? clientSettings.region().get()
                    : defaultRegion();
            AwsCredentialsProvider creds = credentials != null ? credentials
                    : clientSettings != null && clientSettings.credentialsProvider().isPresent()
                            ? clientSettings.credentialsProvider().get()
                            : DefaultCredentialsProvider.builder().build();
            ClientHolder<SdkHttpClient> http;
            if (clientSettings != null && clientSettings.httpClient().isPresent()) {
                http = ClientHolder.borrowed(clientSettings.httpClient().get());
            } else {
                ApacheHttpClient.Builder hb = ApacheHttpClient.builder()
                        .connectionTimeout(connect)
                        .connectionAcquisitionTimeout(response)
                        .socketTimeout(response)
                        .maxConnections(maxConnections);
                if (sslContext != null) {
                    hb.socketFactory(new SSLConnectionSocketFactory(sslContext, new DefaultHostnameVerifier()));
                }
                http = ClientHolder.owned(hb.build());
            }
            AwsSdk2TransportOptions.Builder options = AwsSdk2TransportOptions.builder()
                    .setMapper(mapper)
                    .setCredentials(creds)
                    .setRequestCompressionSize(compression ? 8192 : Integer.MAX_VALUE);
            String host = u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
            OpenSearchTransport t = new AwsSdk2Transport(http.get(), host, signing.signingName(), signingRegion,
                    options.build());
            return new OpenSearchConnection(new GuardedTransport(ClientHolder.owned(t), http), null, json, resilience);
        }

        private static Region defaultRegion() {
            try {
                return new DefaultAwsRegionProviderChain().getRegion();
            } catch (SdkClientException e) {
                throw TributaryValidationException.of("region", "SigV4 needs a region: set it in clientSettings(...),"
                        + " call aws(Region, AwsService), or set AWS_REGION");
            }
        }

        private OpenSearchConnection apache(List<URI> nodes, JacksonJsonpMapper mapper, Duration connect,
                Duration response) {
            HttpHost[] hosts = nodes.stream()
                    .map(u -> new HttpHost(u.getScheme(), u.getHost(), u.getPort() > 0 ? u.getPort()
                            : ("https".equals(u.getScheme()) ? 443 : 80)))
                    .toArray(HttpHost[]::new);
            ApacheHttpClient5TransportBuilder tb = ApacheHttpClient5TransportBuilder.builder(hosts)
                    .setMapper(mapper)
                    .setCompressionEnabled(compression)
                    .setRequestConfigCallback(rc -> rc
                            .setConnectionRequestTimeout(Timeout.of(response.toMillis(), TimeUnit.MILLISECONDS))
                            .setResponseTimeout(Timeout.of(response.toMillis(), TimeUnit.MILLISECONDS)))
                    .setHttpClientConfigCallback(hc -> {
                        if (username != null) {
                            BasicCredentialsProvider cp = new BasicCredentialsProvider();
                            for (HttpHost h : hosts) {
                                cp.setCredentials(new AuthScope(h),
                                        new UsernamePasswordCredentials(username, Objects.requireNonNull(password).toCharArray()));
                            }
                            hc.setDefaultCredentialsProvider(cp);
                        }
                        PoolingAsyncClientConnectionManagerBuilder cm = PoolingAsyncClientConnectionManagerBuilder.create()
                                .setMaxConnTotal(maxConnections)
                                .setMaxConnPerRoute(maxConnections)
                                .setDefaultConnectionConfig(ConnectionConfig.custom()
                                        .setConnectTimeout(Timeout.of(connect.toMillis(), TimeUnit.MILLISECONDS))
                                        .build());
                        return hc.setConnectionManager(cm.setTlsStrategy(tlsStrategy(sslContext)).build());
                    });
            OpenSearchTransport t = tb.build();
            return new OpenSearchConnection(new GuardedTransport(ClientHolder.owned(t), null), null, json, resilience);
        }

        private static void requirePositive(String field, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw TributaryValidationException.of(field, "must be a positive duration");
            }
        }
    }
}
