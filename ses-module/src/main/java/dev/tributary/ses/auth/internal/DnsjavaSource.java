package dev.tributary.ses.auth.internal;

import dev.tributary.ses.auth.DnsStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * {@link DnsSource} over dnsjava: UDP with EDNS (1232-byte payload), retried over TCP by {@link SimpleResolver}
 * when an answer is truncated; CNAMEs followed for up to 8 hops. Every failure becomes a
 * {@link DnsAnswer} status: nothing is thrown. Thread-safe; no caching here (see {@link CachingDnsSource}).
 */
public final class DnsjavaSource implements DnsSource {
    private static final Logger LOG = LoggerFactory.getLogger(DnsjavaSource.class);
    static final int MAX_CNAME_HOPS = 8;
    private static final long DEFAULT_NEGATIVE_TTL = 60;

    private final Resolver resolver;
    private final Duration overallTimeout;

    /**
     * Creates the source.
     *
     * @param servers the resolvers to ask in order; empty for the system's (from resolv.conf or the OS)
     * @param timeout how long to wait for one server
     */
    public DnsjavaSource(List<InetSocketAddress> servers, Duration timeout) {
        List<InetSocketAddress> list = servers.isEmpty() ? ResolverConfig.getCurrentConfig().servers() : servers;
        if (list.isEmpty()) {
            list = List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), SimpleResolver.DEFAULT_PORT));
        }
        List<Resolver> resolvers = new ArrayList<>();
        for (InetSocketAddress address : list) {
            SimpleResolver r = new SimpleResolver(address);
            r.setTimeout(timeout);
            r.setEDNS(0, 1232, 0, List.of());
            resolvers.add(r);
        }
        if (resolvers.size() == 1) {
            this.resolver = resolvers.get(0);
        } else {
            ExtendedResolver extended = new ExtendedResolver(resolvers);
            extended.setTimeout(timeout.multipliedBy(Math.max(1, resolvers.size())));
            extended.setRetries(1);
            this.resolver = extended;
        }
        this.overallTimeout = timeout.multipliedBy(resolvers.size() + 1L).plusSeconds(1);
    }

    @Override
    public DnsAnswer query(String name, Type type) {
        int code = org.xbill.DNS.Type.value(type.name());
        String current = name;
        long ttl = Long.MAX_VALUE;
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            Name qname;
            try {
                qname = Name.fromString(current, Name.root);
            } catch (TextParseException e) {
                return DnsAnswer.of(DnsStatus.ERROR, 0, "not a valid DNS name");
            }
            Message response;
            try {
                response = send(qname, code);
            } catch (QueryFailure f) {
                LOG.debug("DNS query failed [op=dns-query, name={}, type={}, status={}, detail={}]", current, type,
                        f.status, f.detail);
                return DnsAnswer.of(f.status, 0, f.detail);
            }
            int rcode = response.getRcode();
            LOG.debug("DNS answer [op=dns-query, name={}, type={}, rcode={}]", current, type, Rcode.string(rcode));
            if (rcode == Rcode.NXDOMAIN) {
                return DnsAnswer.of(DnsStatus.NXDOMAIN, negativeTtl(response), "");
            }
            if (rcode == Rcode.SERVFAIL) {
                return DnsAnswer.of(DnsStatus.SERVFAIL, 0, "SERVFAIL");
            }
            if (rcode != Rcode.NOERROR) {
                return DnsAnswer.of(DnsStatus.ERROR, 0, Rcode.string(rcode));
            }
            List<String> values = new ArrayList<>();
            Map<String, String> cnames = new HashMap<>();
            for (Record r : response.getSection(Section.ANSWER)) {
                ttl = Math.min(ttl, r.getTTL());
                if (r.getType() == code) {
                    values.add(render(r));
                } else if (r instanceof CNAMERecord) {
                    cnames.put(host(r.getName()), host(((CNAMERecord) r).getTarget()));
                }
            }
            if (!values.isEmpty()) {
                return DnsAnswer.ok(values, ttl);
            }
            String target = chainEnd(current, cnames);
            if (target.equals(current) || type == Type.CNAME) {
                return DnsAnswer.of(DnsStatus.NO_DATA, Math.min(ttl, negativeTtl(response)), "");
            }
            current = target;
        }
        return DnsAnswer.of(DnsStatus.ERROR, 0, "CNAME chain longer than " + MAX_CNAME_HOPS);
    }

    private Message send(Name qname, int code) throws QueryFailure {
        Message query = Message.newQuery(Record.newRecord(qname, code, DClass.IN));
        try {
            return resolver.sendAsync(query).toCompletableFuture()
                    .get(overallTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new QueryFailure(DnsStatus.TIMEOUT, "no answer within " + overallTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryFailure(DnsStatus.ERROR, "interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof SocketTimeoutException || cause instanceof TimeoutException) {
                throw new QueryFailure(DnsStatus.TIMEOUT, "no answer within the timeout");
            }
            throw new QueryFailure(DnsStatus.ERROR, cause.getClass().getSimpleName());
        } catch (RuntimeException e) {
            throw new QueryFailure(DnsStatus.ERROR, e.getClass().getSimpleName());
        }
    }

    private static String chainEnd(String start, Map<String, String> cnames) {
        String at = start;
        for (int i = 0; i < MAX_CNAME_HOPS && cnames.containsKey(at); i++) {
            at = cnames.get(at);
        }
        return at;
    }

    private static String render(Record r) {
        if (r instanceof TXTRecord) {
            return String.join("", ((TXTRecord) r).getStrings());
        }
        if (r instanceof CNAMERecord) {
            return host(((CNAMERecord) r).getTarget());
        }
        if (r instanceof MXRecord) {
            return host(((MXRecord) r).getTarget());
        }
        if (r instanceof ARecord) {
            return ((ARecord) r).getAddress().getHostAddress();
        }
        if (r instanceof AAAARecord) {
            return ((AAAARecord) r).getAddress().getHostAddress();
        }
        return r.rdataToString();
    }

    private static String host(Name n) {
        return n.toString(true).toLowerCase(Locale.ROOT);
    }

    private static long negativeTtl(Message response) {
        for (Record r : response.getSection(Section.AUTHORITY)) {
            if (r instanceof SOARecord) {
                return Math.min(r.getTTL(), ((SOARecord) r).getMinimum());
            }
        }
        return DEFAULT_NEGATIVE_TTL;
    }

    /** A failed exchange, turned into a status by {@link #query}. */
    private static final class QueryFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final DnsStatus status;
        private final String detail;

        QueryFailure(DnsStatus status, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.detail = detail;
        }
    }
}
