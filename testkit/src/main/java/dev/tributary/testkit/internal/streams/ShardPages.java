package dev.tributary.testkit.internal.streams;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardFilter;
import software.amazon.awssdk.services.dynamodb.model.ShardFilterType;

/** DescribeStream's filtering and pagination over a stream's shard list. */
public final class ShardPages {
    /** AWS's largest DescribeStream {@code Limit}. */
    public static final int MAX_LIMIT = 100;

    private ShardPages() {}

    /**
     * One page of shards.
     *
     * @param shards the shards on the page
     * @param lastEvaluated the last shard's id when more follow, else null
     */
    public record Page(List<Shard> shards, @Nullable String lastEvaluated) {}

    /**
     * Applies the request's filter, {@code ExclusiveStartShardId} and {@code Limit}. Shard ids sort in creation
     * order, so a start id that has since left the list (past retention) still marks the place.
     *
     * @param shards every listed shard, in creation order
     * @param request the DescribeStream request
     * @param pageSize the rig's largest page
     * @return the page
     * @throws software.amazon.awssdk.services.dynamodb.model.DynamoDbException ValidationException for a bad
     *     limit or filter
     */
    public static Page page(List<Shard> shards, DescribeStreamRequest request, int pageSize) {
        Integer requested = request.limit();
        if (requested != null && (requested < 1 || requested > MAX_LIMIT)) {
            throw StreamErrors.validation("Limit must be between 1 and 100, was " + requested);
        }
        int limit = requested == null ? pageSize : Math.min(requested, pageSize);
        String parent = childrenOf(request.shardFilter());
        String start = request.exclusiveStartShardId();
        List<Shard> page = new ArrayList<>();
        for (Shard s : shards) {
            if (start != null && s.shardId().compareTo(start) <= 0) {
                continue;
            }
            if (parent != null && !parent.equals(s.parentShardId())) {
                continue;
            }
            if (page.size() == limit) {
                return new Page(page, page.get(page.size() - 1).shardId());
            }
            page.add(s);
        }
        return new Page(page, null);
    }

    private static @Nullable String childrenOf(@Nullable ShardFilter filter) {
        if (filter == null) {
            return null;
        }
        if (filter.type() != ShardFilterType.CHILD_SHARDS) {
            throw StreamErrors.validation("ShardFilter type must be CHILD_SHARDS, was " + filter.typeAsString());
        }
        if (filter.shardId() == null || filter.shardId().isBlank()) {
            throw StreamErrors.validation("ShardFilter of type CHILD_SHARDS requires ShardId");
        }
        return filter.shardId();
    }
}
