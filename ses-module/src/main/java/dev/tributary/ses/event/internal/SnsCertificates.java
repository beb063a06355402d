package dev.tributary.ses.event.internal;

import dev.tributary.core.TributaryClientException;
import dev.tributary.ses.event.SnsMessageRejectedException;
import dev.tributary.ses.event.SnsMessageRejectedException.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches SNS signing certificates, checks them once and keeps them in a small LRU cache keyed by URL (SNS
 * uses one certificate for a long time, so a busy endpoint fetches it once).
 *
 * <p>A certificate is accepted when it parses as X.509, is within its validity period (checked again on every
 * use, so a cached certificate expires), is issued to an Amazon host ({@code *.amazonaws.com[.cn]} in the
 * subject CN or a DNS name) and chains, with any intermediates served in the same PEM, to a trust anchor:
 * the JDK's default trust store unless tests inject their own. Revocation is not checked (AWS publishes no
 * CRL or OCSP for these certificates). Thread-safe.
 */
public final class SnsCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(SnsCertificates.class);
    private static final Pattern AMAZON_NAME = Pattern.compile("([a-z0-9-]+\\.)*amazonaws\\.com(\\.cn)?");

    private final SnsHttp http;
    private final Set<TrustAnchor> anchors;
    private final Clock clock;
    private final Map<URI, X509Certificate> cache;

    /**
     * Creates the cache.
     *
     * @param http how certificates are fetched
     * @param anchors the trust anchors the chain must end in
     * @param clock the clock for validity periods
     * @param maxEntries how many certificates to keep
     */
    public SnsCertificates(SnsHttp http, Set<TrustAnchor> anchors, Clock clock, int maxEntries) {
        this.http = http;
        this.anchors = Set.copyOf(anchors);
        this.clock = clock;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<URI, X509Certificate> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** Returns the trust anchors of the JDK's default trust store. */
    public static Set<TrustAnchor> jdkTrustAnchors() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init((KeyStore) null);
            Set<TrustAnchor> out = new HashSet<>();
            for (var tm : tmf.getTrustManagers()) {
                if (tm instanceof X509TrustManager) {
                    for (X509Certificate c : ((X509TrustManager) tm).getAcceptedIssuers()) {
                        out.add(new TrustAnchor(c, null));
                    }
                }
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw TributaryClientException.create("The JDK's default trust store could not be read; check the "
                    + "javax.net.ssl.trustStore settings", e);
        }
    }

    /**
     * Returns the checked certificate at {@code url}, from the cache or fetched.
     *
     * @param url an https URL that passed {@link SnsHosts}
     * @return the certificate
     * @throws SnsMessageRejectedException when the certificate is not acceptable
     * @throws TributaryClientException (retryable) when it cannot be fetched
     */
    public X509Certificate get(URI url) {
        X509Certificate cert;
        synchronized (cache) {
            cert = cache.get(url);
        }
        if (cert == null) {
            cert = fetchAndCheck(url);
            synchronized (cache) {
                cache.put(url, cert);
            }
        }
        try {
            cert.checkValidity(Date.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            synchronized (cache) {
                cache.remove(url);
            }
            throw SnsMessageRejectedException.of(Reason.UNTRUSTED_CERTIFICATE, "the signing certificate is "
                    + "expired or not yet valid; check the clock of this host", e);
        }
        return cert;
    }

    private X509Certificate fetchAndCheck(URI url) {
        byte[] pem;
        try {
            pem = http.get(url);
        } catch (IOException e) {
            throw TributaryClientException.ioFailure("The SNS signing certificate could not be fetched ("
                    + e.getMessage() + "); nothing was applied, answer SNS with a 5xx status so it redelivers", e);
        }
        List<X509Certificate> chain = parse(pem);
        X509Certificate leaf = chain.get(0);
        if (!issuedToAmazon(leaf)) {
            throw SnsMessageRejectedException.of(Reason.UNTRUSTED_CERTIFICATE,
                    "the signing certificate is not issued to an amazonaws.com host");
        }
        checkChain(leaf, chain);
        LOG.debug("SNS signing certificate accepted [url={}, notAfter={}]", url, leaf.getNotAfter().toInstant());
        return leaf;
    }

    private static List<X509Certificate> parse(byte[] pem) {
        try {
            Collection<? extends java.security.cert.Certificate> certs =
                    CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem));
            List<X509Certificate> out = new ArrayList<>();
            for (var c : certs) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new java.security.cert.CertificateException("no certificate in the answer");
            }
            return out;
        } catch (GeneralSecurityException | ClassCastException e) {
            throw SnsMessageRejectedException.of(Reason.UNTRUSTED_CERTIFICATE,
                    "SigningCertURL did not serve an X.509 certificate", e);
        }
    }

    private void checkChain(X509Certificate leaf, List<X509Certificate> chain) {
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(clock.instant()));
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(chain)));
            CertPathBuilder.getInstance("PKIX").build(params);
        } catch (GeneralSecurityException e) {
            throw SnsMessageRejectedException.of(Reason.UNTRUSTED_CERTIFICATE, "the signing certificate does not "
                    + "chain to a trusted root (is the JDK trust store current?)", e);
        }
    }

    private static boolean issuedToAmazon(X509Certificate cert) {
        List<String> names = new ArrayList<>();
        String dn = cert.getSubjectX500Principal().getName();
        for (String rdn : dn.split(",")) {
            if (rdn.startsWith("CN=")) {
                names.add(rdn.substring(3));
            }
        }
        try {
            if (cert.getSubjectAlternativeNames() != null) {
                for (List<?> san : cert.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (GeneralSecurityException e) {
            return false;
        }
        return names.stream().anyMatch(n -> AMAZON_NAME.matcher(n.toLowerCase(Locale.ROOT)).matches());
    }
}
