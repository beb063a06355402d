package dev.tributary.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code tributary.opensearch.*}: the OpenSearch connection and the search indexes to create beans for. */
@ConfigurationProperties("tributary.opensearch")
public class TributaryOpenSearchProperties {
    /** Node URLs, such as https://search-x.eu-west-1.es.amazonaws.com; the connection is created when set. */
    private List<String> urls = new ArrayList<>();
    /** Basic-auth user name (https only, unless allow-insecure-basic-auth). */
    private String username;
    /** Basic-auth password. */
    private String password;
    /** Allows basic auth over http://, for a local test node only. */
    private boolean allowInsecureBasicAuth;
    /** Region to sign requests for with SigV4 (Amazon OpenSearch Service); unset means no SigV4. */
    private String awsRegion;
    /** SigV4 service: ES for domains, AOSS for serverless collections. */
    private String awsService = "ES";
    /** Limit for connecting to a node. */
    private Duration connectTimeout = Duration.ofSeconds(5);
    /** Limit for an answer and for a free pooled connection. */
    private Duration responseTimeout = Duration.ofSeconds(60);
    /** Search indexes, by bean name prefix: a SearchIndex bean named {@code <key>SearchIndex} is created for each. */
    private Map<String, Index> indexes = new LinkedHashMap<>();

    /** Returns the node URLs. */
    public List<String> getUrls() {
        return urls;
    }

    /** Sets the node URLs. */
    public void setUrls(List<String> urls) {
        this.urls = urls;
    }

    /** Returns the basic-auth user name. */
    public String getUsername() {
        return username;
    }

    /** Sets the basic-auth user name. */
    public void setUsername(String username) {
        this.username = username;
    }

    /** Returns the basic-auth password. */
    public String getPassword() {
        return password;
    }

    /** Sets the basic-auth password. */
    public void setPassword(String password) {
        this.password = password;
    }

    /** Returns whether basic auth over http:// is allowed. */
    public boolean isAllowInsecureBasicAuth() {
        return allowInsecureBasicAuth;
    }

    /** Sets whether basic auth over http:// is allowed. */
    public void setAllowInsecureBasicAuth(boolean allowInsecureBasicAuth) {
        this.allowInsecureBasicAuth = allowInsecureBasicAuth;
    }

    /** Returns the SigV4 region. */
    public String getAwsRegion() {
        return awsRegion;
    }

    /** Sets the SigV4 region. */
    public void setAwsRegion(String awsRegion) {
        this.awsRegion = awsRegion;
    }

    /** Returns the SigV4 service. */
    public String getAwsService() {
        return awsService;
    }

    /** Sets the SigV4 service. */
    public void setAwsService(String awsService) {
        this.awsService = awsService;
    }

    /** Returns the connect timeout. */
    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    /** Sets the connect timeout. */
    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    /** Returns the response timeout. */
    public Duration getResponseTimeout() {
        return responseTimeout;
    }

    /** Sets the response timeout. */
    public void setResponseTimeout(Duration responseTimeout) {
        this.responseTimeout = responseTimeout;
    }

    /** Returns the search indexes by key. */
    public Map<String, Index> getIndexes() {
        return indexes;
    }

    /** Sets the search indexes by key. */
    public void setIndexes(Map<String, Index> indexes) {
        this.indexes = indexes;
    }

    @Override
    public String toString() {
        return "TributaryOpenSearchProperties[urls=" + urls + ", username=" + (username == null ? "unset" : "set")
                + ", indexes=" + indexes.keySet() + "]";
    }

    /** One search index: its name, document type and optional index-definition resource. */
    public static class Index {
        /** The index (alias) name; defaults to the key. */
        private String name;
        /** Fully qualified document class, such as com.example.Product. */
        private String type;
        /** Class-path resource with the index's settings and mappings JSON, such as /indices/products.json. */
        private String definition;
        /** Whether to create the index at start-up when it does not exist. */
        private boolean createIfMissing = true;

        /** Returns the index name. */
        public String getName() {
            return name;
        }

        /** Sets the index name. */
        public void setName(String name) {
            this.name = name;
        }

        /** Returns the document class name. */
        public String getType() {
            return type;
        }

        /** Sets the document class name. */
        public void setType(String type) {
            this.type = type;
        }

        /** Returns the definition resource. */
        public String getDefinition() {
            return definition;
        }

        /** Sets the definition resource. */
        public void setDefinition(String definition) {
            this.definition = definition;
        }

        /** Returns whether the index is created when missing. */
        public boolean isCreateIfMissing() {
            return createIfMissing;
        }

        /** Sets whether the index is created when missing. */
        public void setCreateIfMissing(boolean createIfMissing) {
            this.createIfMissing = createIfMissing;
        }
    }
}
