package dev.tributary.testkit;

import dev.tributary.testkit.internal.ChildProcess;
import dev.tributary.testkit.internal.Ports;
import dev.tributary.testkit.internal.Tools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An authoritative test DNS server (dnsmasq) on a free loopback port, serving the records given to its
 * builder. Names under a declared {@linkplain Builder#zone zone} that have no record answer NXDOMAIN.
 *
 * <p>Needs {@code dnsmasq} (Debian package {@code dnsmasq-base}). Starts in about 50 ms, so each test class
 * can have its own. Thread-safe.
 *
 * <pre>{@code
 * @RegisterExtension
 * static LocalDnsExtension dns = LocalDnsExtension.of(LocalDns.builder()
 *         .zone("example.test")
 *         .txt("example.test", "v=spf1 include:amazonses.com ~all")
 *         .cname("tok1._domainkey.example.test", "tok1.dkim.amazonses.com"));
 * }</pre>
 */
public final class LocalDns implements AutoCloseable {
    private final int port;
    private final ChildProcess process;

    private LocalDns(int port, ChildProcess process) {
        this.port = port;
        this.process = process;
    }

    /** Returns a builder with no records. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the UDP/TCP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Returns the server address, for a resolver's {@code host:port}. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** Returns {@code 127.0.0.1:<port>}. */
    public String hostAndPort() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.close();
    }

    /** Builds the zone data and starts dnsmasq. Not thread-safe. */
    public static final class Builder {
        private final List<String> lines = new ArrayList<>();

        private Builder() {}

        /** Declares a zone this server is authoritative for: unknown names in it are NXDOMAIN. */
        public Builder zone(String zone) {
            lines.add("local=/" + name(zone) + "/");
            return this;
        }

        /**
         * Adds a TXT record. Each argument is one character-string; a value longer than 255 bytes is split
         * into 255-byte strings, as a zone file would have to.
         */
        public Builder txt(String name, String... values) {
            List<String> parts = new ArrayList<>();
            for (String v : values) {
                if (v.indexOf('"') >= 0 || v.indexOf('\n') >= 0) {
                    throw new IllegalArgumentException("TXT values may not contain quotes or newlines");
                }
                for (int i = 0; i < v.length(); i += 255) {
                    parts.add('"' + v.substring(i, Math.min(v.length(), i + 255)) + '"');
                }
            }
            lines.add("txt-record=" + name(name) + "," + String.join(",", parts));
            return this;
        }

        /** Adds a CNAME record. */
        public Builder cname(String alias, String target) {
            lines.add("cname=" + name(alias) + "," + name(target));
            return this;
        }

        /** Adds an MX record. */
        public Builder mx(String name, String host, int preference) {
            lines.add("mx-host=" + name(name) + "," + name(host) + "," + preference);
            return this;
        }

        /** Adds an A record. */
        public Builder a(String name, String ipv4) {
            lines.add("host-record=" + name(name) + "," + ipv4);
            return this;
        }

        /**
         * Makes every query under {@code zone} fail with SERVFAIL-like behaviour by forwarding it to a closed
         * port, for testing resolver error paths.
         */
        public Builder failing(String zone) {
            lines.add("server=/" + name(zone) + "/127.0.0.1#" + Ports.freePort());
            return this;
        }

        /**
         * Writes the configuration and starts dnsmasq.
         *
         * @return the running server
         * @throws IllegalStateException naming the install command when dnsmasq is missing
         */
        public LocalDns start() {
            Path dnsmasq = Tools.require("dnsmasq", "apt-get install dnsmasq-base");
            int port = Ports.freePort();
            Path work = Tools.workDir("dns");
            try {
                Files.createDirectories(work);
                Path conf = Files.createTempFile(work, "dnsmasq-", ".conf");
                List<String> all = new ArrayList<>(List.of(
                        "port=" + port, "listen-address=127.0.0.1", "bind-interfaces", "no-resolv", "no-hosts",
                        "no-poll", "local-ttl=300", "user=" + System.getProperty("user.name"),
                        "pid-file="));
                all.addAll(lines);
                Files.write(conf, all, StandardCharsets.UTF_8);
                // -k keeps it in the foreground; -d would stop UDP answers while a TCP client is connected.
                ChildProcess p = ChildProcess.start("dnsmasq",
                        List.of(dnsmasq.toString(), "-k", "--log-facility=-", "-C", conf.toString()),
                        Map.of(), work, Duration.ofSeconds(10), () -> Ports.listening(port));
                return new LocalDns(port, p);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write the dnsmasq configuration under " + work, e);
            }
        }

        private static String name(String n) {
            String s = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
            if (s.isEmpty() || s.contains(",") || s.contains("/") || s.contains(" ")) {
                throw new IllegalArgumentException("not a DNS name: '" + n + "'");
            }
            return s;
        }
    }
}
