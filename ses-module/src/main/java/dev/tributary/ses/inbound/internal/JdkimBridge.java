package dev.tributary.ses.inbound.internal;

import dev.tributary.core.TributaryValidationException;
import dev.tributary.core.support.Redaction;
import dev.tributary.ses.inbound.DkimKeySource;
import dev.tributary.ses.inbound.DkimResult;
import dev.tributary.ses.inbound.DkimStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.Headers;
import org.apache.james.jdkim.api.PublicKeyRecordRetriever;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.api.SignatureRecord;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jdkim.exceptions.PermFailException;
import org.apache.james.jdkim.exceptions.TempFailException;
import org.apache.james.jdkim.impl.Message;
import org.apache.james.mime4j.MimeException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs Apache jDKIM's verifier and turns its per-signature results into one {@link DkimResult}. */
public final class JdkimBridge {
    private static final Logger LOG = LoggerFactory.getLogger(JdkimBridge.class);

    private JdkimBridge() {}

    /**
     * Verifies a message.
     *
     * @param keys the key source
     * @param raw the raw message
     * @param maxSignatures how many signatures to check, the first ones in header order
     * @return the outcome
     * @throws TributaryValidationException when the message cannot be parsed
     */
    public static DkimResult verify(DkimKeySource keys, InputStream raw, int maxSignatures) {
        Message message;
        try {
            message = new Message(raw);
        } catch (IOException | MimeException e) {
            throw TributaryValidationException.of("rawMessage", "is not a parseable message ("
                    + e.getClass().getSimpleName() + "); pass the bytes exactly as received");
        }
        try {
            List<String> signatures = message.getFields("DKIM-Signature");
            if (signatures == null || signatures.isEmpty()) {
                return new DkimResult(DkimStatus.NONE, null, null, null);
            }
            // DKIMVerifier collects results per call, so it is not shared between threads.
            DKIMVerifier verifier = new DKIMVerifier(retriever(keys));
            int checked = Math.min(signatures.size(), maxSignatures);
            FailException failure = null;
            try {
                verifier.verify(new CappedSignatures(message, checked), message.getBodyInputStream());
            } catch (FailException e) {
                failure = e;
            } catch (IOException e) {
                throw TributaryValidationException.of("rawMessage", "could not be read while hashing the body");
            }
            DkimResult r = summarise(verifier.getResults(), failure);
            String reason = r.reason();
            if (reason != null && checked < signatures.size()) {
                reason += "; " + (signatures.size() - checked) + " more signatures not checked (limit " + checked + ")";
            }
            DkimResult result = new DkimResult(r.status(), r.domain(), r.selector(), reason, signatures.size(),
                    checked);
            LOG.debug("[op=dkim.verify, signatures={}, checked={}, status={}, d={}]", signatures.size(), checked,
                    result.status(), result.domain());
            return result;
        } finally {
            message.dispose();
        }
    }

    /**
     * The message's headers with only the first {@code max} DKIM-Signature fields visible to jDKIM's choice of
     * signatures to check. jDKIM asks for the DKIM-Signature fields once, first, to pick the signatures; later
     * requests come from signed-header lists ({@code h=dkim-signature}) and must see every field, or a
     * signature over an earlier signature would no longer verify.
     */
    private static final class CappedSignatures implements Headers {
        private final Message message;
        private final int max;
        private boolean listed;

        CappedSignatures(Message message, int max) {
            this.message = message;
            this.max = max;
        }

        @Override
        public List<String> getFields() {
            return message.getFields();
        }

        @Override
        public List<String> getFields(String name) {
            List<String> fields = message.getFields(name);
            if (!listed && "DKIM-Signature".equalsIgnoreCase(name)) {
                listed = true;
                return fields == null || fields.size() <= max ? fields : fields.subList(0, max);
            }
            return fields;
        }
    }

    private static DkimResult summarise(List<Result> results, @Nullable FailException failure) {
        for (Result r : results) {
            if (r.getResultType() == Result.Type.PASS) {
                return result(DkimStatus.PASS, r.getRecord(), null);
            }
        }
        for (Result r : results) {
            if (r.getResultType() == Result.Type.TEMPERROR) {
                return result(DkimStatus.TEMPERROR, r.getRecord(), r.getErrorMessage());
            }
        }
        if (!results.isEmpty()) {
            Result first = results.get(0);
            return result(DkimStatus.FAIL, first.getRecord(), first.getErrorMessage());
        }
        if (failure instanceof TempFailException) {
            return result(DkimStatus.TEMPERROR, failure.getRelatedRecord(), failure.getMessage());
        }
        return result(DkimStatus.FAIL, failure == null ? null : failure.getRelatedRecord(),
                failure == null ? "no signature could be evaluated (e.g. its timestamp is in the future)"
                        : failure.getMessage());
    }

    private static DkimResult result(DkimStatus status, @Nullable SignatureRecord record, @Nullable String reason) {
        String d = record == null || record.getDToken() == null ? null : record.getDToken().toString();
        String s = record == null || record.getSelector() == null ? null : record.getSelector().toString();
        String why = status == DkimStatus.PASS ? null
                : reason == null || reason.isBlank() ? status.name().toLowerCase(java.util.Locale.ROOT)
                : Redaction.redact(reason);
        return new DkimResult(status, d, s, why);
    }

    private static PublicKeyRecordRetriever retriever(DkimKeySource keys) {
        return (method, selector, domain) -> {
            if (!"dns/txt".equalsIgnoreCase(method.toString()) && !"dns".equalsIgnoreCase(method.toString())) {
                throw new PermFailException("key lookup method " + method + " is not supported; only dns/txt");
            }
            String name = selector + "._domainkey." + domain;
            try {
                List<String> records = keys.txtRecords(name);
                return records == null || records.isEmpty() ? null : records;
            } catch (IOException e) {
                throw new TempFailException("key lookup for " + name + " failed temporarily: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new TempFailException("key lookup for " + name + " failed: " + e.getClass().getSimpleName());
            }
        };
    }
}
