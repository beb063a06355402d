package dev.tributary.ses.inbound.internal;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.ses.inbound.DkimKeySource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/** A {@link DkimKeySource} asking one DNS server with dnsjava: no cache, no search path. */
public final class DnsKeySource implements DkimKeySource {
    private static final String FORMAT = "must be host, host:port or [ipv6]:port, such as 127.0.0.1:5353";

    private final SimpleResolver resolver;
    private final String server;

    private DnsKeySource(SimpleResolver resolver, String server) {
        this.resolver = resolver;
        this.server = server;
    }

    /**
     * Creates the source.
     *
     * @param server {@code host}, {@code host:port} or {@code [ipv6]:port}
     * @param timeout the per-query timeout
     * @return the source
     * @throws TributaryValidationException when the server or timeout is invalid
     */
    public static DnsKeySource create(String server, Duration timeout) {
        if (server == null || server.isBlank()) {
            throw TributaryValidationException.of("dnsServer", FORMAT);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw TributaryValidationException.of("timeout", "must be a positive duration");
        }
        String s = server.strip();
        String host = s;
        int port = 53;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                throw TributaryValidationException.of("dnsServer", FORMAT);
            }
            host = s.substring(1, end);
            if (s.length() > end + 1) {
                port = port(s.substring(end + 1), s);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':')), s);
        }
        try {
            SimpleResolver r = new SimpleResolver(new InetSocketAddress(InetAddress.getByName(host), port));
            r.setTimeout(timeout);
            return new DnsKeySource(r, host + ":" + port);
        } catch (UnknownHostException e) {
            throw TributaryValidationException.of("dnsServer", "host cannot be resolved; use an IP address or a "
                    + "resolvable name");
        }
    }

    private static int port(String colonPort, String whole) {
        try {
            int p = Integer.parseInt(colonPort.substring(1));
            if (colonPort.charAt(0) == ':' && p > 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            // reported below
        }
        throw TributaryValidationException.of("dnsServer", FORMAT);
    }

    @Override
    public List<String> txtRecords(String name) throws IOException {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name, Name.root), Type.TXT);
        } catch (TextParseException e) {
            return List.of(); // not a valid DNS name, so no key can exist there
        }
        lookup.setResolver(resolver);
        lookup.setCache(null);
        lookup.setSearchPath((Name[]) null);
        Record[] answers = lookup.run();
        switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL:
                List<String> out = new ArrayList<>();
                for (Record r : answers) {
                    if (r instanceof TXTRecord txt) {
                        out.add(String.join("", txt.getStrings()));
                    }
                }
                return out;
            case Lookup.HOST_NOT_FOUND:
            case Lookup.TYPE_NOT_FOUND:
                return List.of();
            default:
                // TRY_AGAIN (timeout, SERVFAIL) and UNRECOVERABLE are DNS failures, not a missing key.
                throw new IOException("DNS lookup at " + server + " failed: " + lookup.getErrorString());
        }
    }

    @Override
    public String toString() {
        return "DnsKeySource[" + server + "]";
    }
}
