package dev.tributary.opensearch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tributary.core.Resilience;
import dev.tributary.core.ResilienceSettings;
import dev.tributary.core.TributaryValidationException;
import dev.tributary.opensearch.internal.OpenSearchErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * One connection to an OpenSearch cluster, shared by {@link SearchIndex}es and {@link BulkIndexer}s: the
 * opensearch-java client over Apache HTTP 5 (URL, basic auth, TLS with verification on and an optional
 * trust store) or over the AWS SDK with SigV4 for Amazon OpenSearch Service ({@code es}) and Serverless
 * ({@code aoss}); request bodies gzip-compressed; one Resilience4j guard per index.
 *
 * <p>Thread-safe; create one per cluster and share it. {@link #close()} closes the transport when the
 * connection created it; a client passed to {@link #of(OpenSearchClient)} is never closed.
 *
 * <pre>{@code
 * OpenSearchConnection local = OpenSearchConnection.builder().url("http://127.0.0.1:9200").build();
 * OpenSearchConnection aws = OpenSearchConnection.builder()
 *         .url("https://search-products-abc.eu-west-1.es.amazonaws.com")
 *         .aws(Region.EU_WEST_1, AwsService.ES)
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

    private final OpenSearchClient client;
    private final OpenSearchTransport transport;
    private final @Nullable SdkHttpClient awsHttpClient;
    private final boolean owned;
    private final ObjectMapper json;
    private final ResilienceSettings resilience;
    private final ConcurrentHashMap<String, Resilience> guards = new ConcurrentHashMap<>();

    private OpenSearchConnection(OpenSearchClient client, OpenSearchTransport transport, @Nullable SdkHttpClient aws,
            boolean owned, ObjectMapper json, ResilienceSettings resilience) {
        this.client = client;
        this.transport = transport;
        this.awsHttpClient = aws;
        this.owned = owned;
        this.json = json;
        this.resilience = resilience;
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
        return new OpenSearchConnection(client, client._transport(), null, false, defaultMapper(),
                ResilienceSettings.defaults());
    }

    /** Returns the opensearch-java client. */
    public OpenSearchClient client() {
        return client;
    }

    /** Returns a generic client on the same transport (raw requests, used by the bulk indexer). */
    public OpenSearchGenericClient generic() {
        return client.generic();
    }

    /** Returns the Jackson mapper used for documents. */
    public ObjectMapper json() {
        return json;
    }

    /**
     * Returns the Resilience guard for a backend name such as {@code opensearch.products}, created once.
     *
     * @param name the backend name
     * @return the guard
     */
    public Resilience guard(String name) {
        return guards.computeIfAbsent(name, n -> Resilience.create(n,
                resilience.toBuilder().classifier(OpenSearchErrors.CLASSIFIER).build()));
    }

    /** Closes the transport if this connection created it. */
    @Override
    public void close() {
        if (!owned) {
            return;
        }
        try {
            transport.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Closing the OpenSearch transport failed", e);
        } finally {
            if (awsHttpClient != null) {
                awsHttpClient.close();
            }
        }
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

    /** Builds an {@link OpenSearchConnection}. Not thread-safe. */
    public static final class Builder {
        private final List<URI> urls = new ArrayList<>();
        private @Nullable String username;
        private @Nullable String password;
        private @Nullable SSLContext sslContext;
        private @Nullable Region region;
        private @Nullable AwsService service;
        private @Nullable AwsCredentialsProvider credentials;
        private boolean allowInsecureBasicAuth;
        private boolean compression = true;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration responseTimeout = Duration.ofSeconds(60);
        private int maxConnections = 32;
        private ObjectMapper json = defaultMapper();
        private ResilienceSettings resilience = ResilienceSettings.defaults();

        private Builder() {}

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
         * non-retryable {@code TributaryServiceException} (HTTP 401) that names neither.
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

        /** Signs requests with SigV4 for {@code service} in {@code region}, default credentials chain. */
        public Builder aws(Region region, AwsService service) {
            this.region = Objects.requireNonNull(region, "region");
            this.service = Objects.requireNonNull(service, "service");
            return this;
        }

        /** Sets the credentials for SigV4. */
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
         * Sets the timeouts: {@code connect} bounds the TCP (and TLS) connect to a node, {@code response} the
         * wait for a response once the request is sent, and also the wait for a free pooled connection.
         * Defaults: 5 s and 60 s.
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

        /** Sets retries and circuit breaking for every index's guard. */
        public Builder resilience(ResilienceSettings resilience) {
            this.resilience = Objects.requireNonNull(resilience, "resilience");
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the connection
         * @throws TributaryValidationException when no URL is set, a URL is not http(s), basic auth is set for
         *     an {@code http://} URL without {@link #allowInsecureBasicAuth()}, or SigV4 is combined with basic
         *     auth or a non-https URL
         */
        public OpenSearchConnection build() {
            if (urls.isEmpty()) {
                throw TributaryValidationException.of("url", "at least one node URL is required");
            }
            for (URI u : urls) {
                if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null) {
                    throw TributaryValidationException.of("url", "must be an absolute http(s) URL like https://host:9200");
                }
            }
            boolean anyHttp = urls.stream().anyMatch(u -> "http".equals(u.getScheme()));
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
                URI u = urls.get(0);
                ApacheHttpClient.Builder hb = ApacheHttpClient.builder()
                        .connectionTimeout(connectTimeout)
                        .connectionAcquisitionTimeout(responseTimeout)
                        .socketTimeout(responseTimeout)
                        .maxConnections(maxConnections);
                if (sslContext != null) {
                    hb.socketFactory(new SSLConnectionSocketFactory(sslContext, new DefaultHostnameVerifier()));
                }
                SdkHttpClient http = hb.build();
                AwsSdk2TransportOptions.Builder options = AwsSdk2TransportOptions.builder()
                        .setMapper(mapper)
                        .setCredentials(credentials != null ? credentials : DefaultCredentialsProvider.builder().build())
                        .setRequestCompressionSize(compression ? 8192 : Integer.MAX_VALUE);
                String host = u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
                OpenSearchTransport t = new AwsSdk2Transport(http, host, service.signingName(), region, options.build());
                return new OpenSearchConnection(new OpenSearchClient(t), t, http, true, json, resilience);
            }
            HttpHost[] hosts = urls.stream()
                    .map(u -> new HttpHost(u.getScheme(), u.getHost(), u.getPort() > 0 ? u.getPort()
                            : ("https".equals(u.getScheme()) ? 443 : 80)))
                    .toArray(HttpHost[]::new);
            ApacheHttpClient5TransportBuilder tb = ApacheHttpClient5TransportBuilder.builder(hosts)
                    .setMapper(mapper)
                    .setCompressionEnabled(compression)
                    .setRequestConfigCallback(rc -> rc
                            .setConnectionRequestTimeout(Timeout.of(responseTimeout.toMillis(), TimeUnit.MILLISECONDS))
                            .setResponseTimeout(Timeout.of(responseTimeout.toMillis(), TimeUnit.MILLISECONDS)))
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
                                        .setConnectTimeout(Timeout.of(connectTimeout.toMillis(), TimeUnit.MILLISECONDS))
                                        .build());
                        return hc.setConnectionManager(cm.setTlsStrategy(tlsStrategy(sslContext)).build());
                    });
            OpenSearchTransport t = tb.build();
            return new OpenSearchConnection(new OpenSearchClient(t), t, null, true, json, resilience);
        }
    }
}
