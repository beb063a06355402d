package dev.tributary.ses.auth.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.core.TributaryClientException;
import dev.tributary.ses.auth.CheckStatus;
import dev.tributary.ses.auth.DmarcRecord;
import dev.tributary.ses.auth.DnsRecord;
import dev.tributary.ses.auth.DomainAuthReport;
import dev.tributary.ses.auth.Finding;
import java.util.Locale;

/** Renders a {@link DomainAuthReport} as a text table or as one JSON object. */
public final class ReportFormat {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportFormat() {}

    /** Returns the report as a readable table, with details for every finding that did not pass. */
    public static String table(DomainAuthReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("Sender domain ").append(report.domain()).append(": ").append(report.status()).append('\n');
        sb.append(String.format(Locale.ROOT, "%-6s %-17s %s%n", "STATUS", "CHECK", "RESULT"));
        for (Finding f : report.findings()) {
            sb.append(String.format(Locale.ROOT, "%-6s %-17s %s%n", f.status(), f.checkId(), f.message()));
        }
        for (Finding f : report.findings()) {
            if (f.status() == CheckStatus.PASS) {
                continue;
            }
            sb.append('\n').append(f.status()).append(' ').append(f.checkId()).append(" (").append(f.subject())
                    .append(")\n");
            f.seen().forEach(s -> sb.append("  seen:     ").append(s).append('\n'));
            sb.append("  expected: ").append(f.expected()).append('\n');
            f.fix().forEach(r -> sb.append("  publish:  ").append(r.zoneLine()).append('\n'));
        }
        return sb.toString();
    }

    /** Returns the report as one JSON object (no trailing newline). */
    public static String json(DomainAuthReport report) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("domain", report.domain());
        root.put("status", report.status().name());
        root.put("checkedAt", report.checkedAt().toString());
        ObjectNode identity = root.putObject("identity");
        identity.put("signingMode", report.identity().signingMode().name());
        identity.put("mailFromDomain", report.identity().mailFromDomain().orElse(null));
        identity.put("region", report.identity().region().orElse(null));
        ArrayNode findings = root.putArray("findings");
        for (Finding f : report.findings()) {
            ObjectNode n = findings.addObject();
            n.put("id", f.checkId());
            n.put("status", f.status().name());
            n.put("subject", f.subject());
            n.put("dnsStatus", f.dnsStatus().map(Enum::name).orElse(null));
            n.put("message", f.message());
            n.put("expected", f.expected());
            ArrayNode seen = n.putArray("seen");
            f.seen().forEach(seen::add);
            ArrayNode fix = n.putArray("fix");
            for (DnsRecord r : f.fix()) {
                fix.addObject().put("name", r.name()).put("type", r.type()).put("value", r.value())
                        .put("zoneLine", r.zoneLine());
            }
        }
        report.dmarc().ifPresent(d -> dmarc(root.putObject("dmarc"), d));
        ObjectNode al = root.putObject("alignment");
        al.put("dkim", report.alignment().dkim().name());
        al.put("spf", report.alignment().spf().name());
        al.put("adkim", report.alignment().dkimMode().name());
        al.put("aspf", report.alignment().spfMode().name());
        al.put("passes", report.alignment().passes());
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw TributaryClientException.create("Could not write the report as JSON: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static void dmarc(ObjectNode n, DmarcRecord d) {
        n.put("record", d.text());
        n.put("policy", d.policy().name());
        n.put("subdomainPolicy", d.subdomainPolicy().map(Enum::name).orElse(null));
        n.put("pct", d.pct());
        ArrayNode rua = n.putArray("rua");
        d.rua().forEach(rua::add);
        n.put("adkim", d.dkimMode().name());
        n.put("aspf", d.spfMode().name());
    }
}
