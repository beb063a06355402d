package dev.tributary.ses.auth;

import dev.tributary.ses.auth.internal.DnsAnswer;
import dev.tributary.ses.auth.internal.DnsSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory DNS for unit tests: unknown names are NXDOMAIN, known names without the type NO_DATA. */
final class FakeDns implements DnsSource {
    private final Map<String, List<String>> records = new HashMap<>();
    private final Map<String, DnsStatus> failures = new HashMap<>();
    final AtomicInteger queries = new AtomicInteger();
    final List<String> log = new ArrayList<>();

    FakeDns txt(String name, String... values) {
        return add(name, Type.TXT, values);
    }

    FakeDns cname(String name, String target) {
        return add(name, Type.CNAME, target);
    }

    FakeDns mx(String name, String... hosts) {
        return add(name, Type.MX, hosts);
    }

    FakeDns a(String name, String address) {
        return add(name, Type.A, address);
    }

    FakeDns fail(String name, Type type, DnsStatus status) {
        failures.put(type + " " + name, status);
        return this;
    }

    FakeDns record(String name, Type type, String... values) {
        return add(name, type, values);
    }

    private FakeDns add(String name, Type type, String... values) {
        records.computeIfAbsent(type + " " + name, k -> new ArrayList<>()).addAll(List.of(values));
        return this;
    }

    @Override
    public synchronized DnsAnswer query(String name, Type type) {
        queries.incrementAndGet();
        log.add(type + " " + name);
        DnsStatus failure = failures.get(type + " " + name);
        if (failure != null) {
            return DnsAnswer.of(failure, 0, failure.name());
        }
        List<String> values = records.get(type + " " + name);
        if (values != null) {
            return DnsAnswer.ok(values, 300);
        }
        boolean exists = records.keySet().stream().anyMatch(k -> k.endsWith(" " + name) || k.endsWith("." + name));
        return DnsAnswer.of(exists ? DnsStatus.NO_DATA : DnsStatus.NXDOMAIN, 60, "");
    }
}
