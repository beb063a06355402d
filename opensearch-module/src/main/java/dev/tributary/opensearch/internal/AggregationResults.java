package dev.tributary.opensearch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.core.TributaryClientException;
import dev.tributary.opensearch.aggregation.Aggregations;
import dev.tributary.opensearch.aggregation.DateHistogramResult;
import dev.tributary.opensearch.aggregation.StatsResult;
import dev.tributary.opensearch.aggregation.TermsResult;
import dev.tributary.opensearch.aggregation.TopHitsResult;
import dev.tributary.opensearch.model.Hit;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.json.JsonpMapper;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.aggregations.Aggregate;
import org.opensearch.client.opensearch._types.aggregations.StatsAggregate;

/** Reads opensearch-java aggregation results (typed keys) into Tributary results. */
public final class AggregationResults {
    private AggregationResults() {}

    /**
     * Reads every aggregate, sub-aggregations included.
     *
     * @param aggregates name to aggregate from the response
     * @param jsonp the transport's mapper (top-hit sources)
     * @param json the document mapper
     * @return the results
     */
    public static Aggregations read(Map<String, Aggregate> aggregates, JsonpMapper jsonp, ObjectMapper json) {
        if (aggregates.isEmpty()) {
            return Aggregations.empty();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        aggregates.forEach((name, a) -> out.put(name, one(name, a, jsonp, json)));
        return Aggregations.of(out, json);
    }

    private static Object one(String name, Aggregate a, JsonpMapper jsonp, ObjectMapper json) {
        if (a.isSterms()) {
            List<TermsResult.Bucket> buckets = new ArrayList<>();
            a.sterms().buckets().array().forEach(b -> buckets.add(new TermsResult.Bucket(b.key(), b.docCount(),
                    read(b.aggregations(), jsonp, json))));
            return new TermsResult(buckets, orZero(a.sterms().sumOtherDocCount()));
        }
        if (a.isLterms()) {
            List<TermsResult.Bucket> buckets = new ArrayList<>();
            a.lterms().buckets().array().forEach(b -> buckets.add(new TermsResult.Bucket(
                    b.keyAsString() != null ? b.keyAsString() : b.key()._toJsonString(), b.docCount(),
                    read(b.aggregations(), jsonp, json))));
            return new TermsResult(buckets, orZero(a.lterms().sumOtherDocCount()));
        }
        if (a.isDterms()) {
            List<TermsResult.Bucket> buckets = new ArrayList<>();
            a.dterms().buckets().array().forEach(b -> buckets.add(new TermsResult.Bucket(
                    b.keyAsString() != null ? b.keyAsString() : String.valueOf(b.key()), b.docCount(),
                    read(b.aggregations(), jsonp, json))));
            return new TermsResult(buckets, orZero(a.dterms().sumOtherDocCount()));
        }
        if (a.isUmterms()) {
            // The field is not mapped in any index searched: no values, no buckets.
            return new TermsResult(List.of(), 0);
        }
        if (a.isDateHistogram()) {
            List<DateHistogramResult.Bucket> buckets = new ArrayList<>();
            a.dateHistogram().buckets().array().forEach(b -> buckets.add(new DateHistogramResult.Bucket(
                    Instant.ofEpochMilli(b.key()), b.docCount(), read(b.aggregations(), jsonp, json))));
            return new DateHistogramResult(buckets);
        }
        if (a.isStats()) {
            StatsAggregate s = a.stats();
            boolean none = s.count() == 0;
            return new StatsResult(s.count(), none ? Double.NaN : orNaN(s.min()), none ? Double.NaN : orNaN(s.max()),
                    none ? Double.NaN : orNaN(s.avg()), s.sum());
        }
        if (a.isTopHits()) {
            var hits = a.topHits().hits();
            List<Hit<JsonNode>> out = new ArrayList<>();
            for (var h : hits.hits()) {
                JsonNode source = h.source() == null ? json.nullNode() : toNode(h.source(), jsonp, json);
                out.add(new Hit<>(h.id(), h.score() == null ? Double.NaN : h.score(), source, Map.of(),
                        h.sort().stream().map(FieldValue::_toJsonString).toList()));
            }
            return new TopHitsResult<>(hits.total() == null ? out.size() : hits.total().value(), out);
        }
        throw TributaryClientException.create("aggregation '" + name + "' came back as " + a._kind()
                + ", which Tributary does not read; this is a bug, please report it");
    }

    private static JsonNode toNode(JsonData data, JsonpMapper jsonp, ObjectMapper json) {
        try {
            return json.readTree(data.toJson(jsonp).toString());
        } catch (IOException e) {
            throw dev.tributary.core.TributaryClientException.create("Reading an aggregation result failed (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }

    private static double orNaN(Double v) {
        return v == null ? Double.NaN : v;
    }
}
