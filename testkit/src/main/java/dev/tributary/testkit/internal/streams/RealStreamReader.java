package dev.tributary.testkit.internal.streams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads the real stream (DynamoDB Local's) from its start in stream order: a shard's children only after the
 * shard was read to its end, open shards polled one GetRecords each per {@link #pull()}. Not thread-safe: its
 * {@link VirtualStream} guards it.
 */
final class RealStreamReader {
    private static final Logger LOG = LoggerFactory.getLogger(RealStreamReader.class);
    private static final int PAGE = 1000;

    private final DynamoDbStreamsClient delegate;
    private final String streamArn;
    private final Map<String, RealShard> shards = new LinkedHashMap<>();
    private boolean refresh = true;

    RealStreamReader(DynamoDbStreamsClient delegate, String streamArn) {
        this.delegate = delegate;
        this.streamArn = streamArn;
    }

    /** Reads once from every shard that may be read now; returns what came, in stream order per shard. */
    List<Record> pull() {
        if (refresh) {
            discover();
            refresh = false;
        }
        List<Record> out = new ArrayList<>();
        for (RealShard s : List.copyOf(shards.values())) {
            if (!s.finished && parentDone(s)) {
                read(s, out);
            }
        }
        return out;
    }

    private boolean parentDone(RealShard s) {
        RealShard parent = s.parentId == null ? null : shards.get(s.parentId);
        return parent == null || parent.finished;
    }

    private void read(RealShard s, List<Record> out) {
        GetRecordsResponse r;
        try {
            r = delegate.getRecords(b -> b.shardIterator(iterator(s)).limit(PAGE));
        } catch (ExpiredIteratorException e) {
            LOG.debug("Real iterator expired, renewing [op=pull, shard={}]", s.id);
            s.iterator = null;
            r = delegate.getRecords(b -> b.shardIterator(iterator(s)).limit(PAGE));
        }
        if (!r.records().isEmpty()) {
            out.addAll(r.records());
            s.lastSequence = r.records().get(r.records().size() - 1).dynamodb().sequenceNumber();
        }
        s.iterator = r.nextShardIterator();
        if (s.iterator == null) {
            s.finished = true;
            refresh = true;
            LOG.debug("Real shard read to its end [op=pull, shard={}]", s.id);
        }
    }

    private String iterator(RealShard s) {
        if (s.iterator == null) {
            String after = s.lastSequence;
            s.iterator = delegate.getShardIterator(b -> b.streamArn(streamArn).shardId(s.id)
                    .shardIteratorType(after == null ? ShardIteratorType.TRIM_HORIZON : ShardIteratorType.AFTER_SEQUENCE_NUMBER)
                    .sequenceNumber(after)).shardIterator();
        }
        return s.iterator;
    }

    private void discover() {
        String start = null;
        do {
            String from = start;
            DescribeStreamResponse r = delegate.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(from));
            for (Shard shard : r.streamDescription().shards()) {
                shards.computeIfAbsent(shard.shardId(), id -> new RealShard(id, shard.parentShardId()));
            }
            start = r.streamDescription().lastEvaluatedShardId();
        } while (start != null);
    }

    private static final class RealShard {
        final String id;
        final @Nullable String parentId;
        @Nullable String iterator;
        @Nullable String lastSequence;
        boolean finished;

        RealShard(String id, @Nullable String parentId) {
            this.id = id;
            this.parentId = parentId;
        }
    }
}
