package lab.performance.observatory.core.lag;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The timestamp of the record at each lagging partition's committed offset, cached by that offset:
 * while a group does not move, its oldest unconsumed record stays the same and is read from Kafka
 * once. {@link #toFetch} names the partitions whose record must be read now (lagging, and not
 * cached at their current committed offset), so a scrape costs at most one small fetch per lagging
 * partition and none for a caught-up or stalled one already seen. Pure: the caller fetches.
 */
public final class RecordTimestamps {

    private record Cached(long offset, long timestampMillis) {
    }

    private final Map<String, Cached> byPartition = new HashMap<>();

    /** Partitions to read a record from, at their committed offset; forgets partitions that caught up. */
    public List<PartitionOffsets> toFetch(List<PartitionOffsets> partitions) {
        byPartition.keySet().retainAll(partitions.stream().filter(p -> p.lagRecords() > 0).map(PartitionOffsets::key).toList());
        return partitions.stream()
                .filter(p -> p.lagRecords() > 0)
                .filter(p -> {
                    Cached c = byPartition.get(p.key());
                    return c == null || c.offset() != p.committed();
                })
                .toList();
    }

    /**
     * What a fetch from {@code committed} found: the first record at or after it (a transaction
     * marker or a compacted record may sit at the offset itself) has this timestamp.
     */
    public void found(PartitionOffsets partition, long timestampMillis) {
        byPartition.put(partition.key(), new Cached(partition.committed(), timestampMillis));
    }

    /** The cached timestamp of the record at the partition's committed offset, if read. */
    public OptionalLong at(PartitionOffsets partition) {
        Cached c = byPartition.get(partition.key());
        return c != null && c.offset() == partition.committed() ? OptionalLong.of(c.timestampMillis()) : OptionalLong.empty();
    }
}
