package lab.performance.observatory.core.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Exact consumer lag of one group from successive readings of its offsets (docs/architecture.md,
 * "Consumer lag"): records are end − committed; seconds are the age of the record at the committed
 * offset, taken from that record's own timestamp, never interpolated from offset rates; the drain
 * ETA divides the backlog by how fast it shrinks (consume − produce rate), measured between this
 * reading and the oldest one within the rate window, and is absent unless the backlog shrinks.
 * Pure: the caller reads Kafka and passes what it read.
 */
public final class ConsumerLagTracker {

    /** Offsets of every partition at one instant. */
    private record Reading(Instant at, Map<String, PartitionOffsets> partitions) {
    }

    private final String group;
    private final Duration rateWindow;
    private final RecordTimestamps timestamps = new RecordTimestamps();
    private final Deque<Reading> history = new ArrayDeque<>();

    /** @param rateWindow how far back consume and produce rates reach (readings older than that are forgotten) */
    public ConsumerLagTracker(String group, Duration rateWindow) {
        if (rateWindow.isNegative() || rateWindow.isZero()) {
            throw new IllegalArgumentException("the rate window must be positive: " + rateWindow);
        }
        this.group = group;
        this.rateWindow = rateWindow;
    }

    public String group() {
        return group;
    }

    /** The partitions whose record at the committed offset must be read before {@link #lag} (see {@link RecordTimestamps}). */
    public List<PartitionOffsets> toFetch(List<PartitionOffsets> partitions) {
        return timestamps.toFetch(partitions);
    }

    /** What a fetch found at a partition's committed offset. */
    public void found(PartitionOffsets partition, long timestampMillis) {
        timestamps.found(partition, timestampMillis);
    }

    /** The group's lag at {@code now} from offsets read at {@code now}, with whatever timestamps were found. */
    public GroupLag lag(Instant now, List<PartitionOffsets> partitions) {
        Map<String, PartitionOffsets> current = new HashMap<>();
        partitions.forEach(p -> current.put(p.key(), p));
        while (!history.isEmpty() && history.peekFirst().at().isBefore(now.minus(rateWindow))) {
            history.pollFirst();
        }
        Reading oldest = history.peekFirst();
        List<PartitionLag> out = new ArrayList<>();
        for (PartitionOffsets p : partitions) {
            double consumed = 0;
            double produced = 0;
            PartitionOffsets before = oldest == null ? null : oldest.partitions().get(p.key());
            double seconds = oldest == null ? 0 : Duration.between(oldest.at(), now).toNanos() / 1e9;
            if (before != null && seconds > 0) {
                consumed = Math.max(0, p.committed() - before.committed()) / seconds;
                produced = Math.max(0, p.end() - before.end()) / seconds;
            }
            OptionalDouble age;
            if (p.lagRecords() == 0) {
                age = OptionalDouble.of(0);
            } else {
                OptionalLong ts = timestamps.at(p);
                age = ts.isPresent() ? OptionalDouble.of(Math.max(0, now.toEpochMilli() - ts.getAsLong()) / 1000.0) : OptionalDouble.empty();
            }
            OptionalDouble drain = before == null ? OptionalDouble.empty() : drain(p.lagRecords(), consumed - produced);
            out.add(new PartitionLag(group, p.topic(), p.partition(), p.lagRecords(), age, drain, consumed, produced));
        }
        if (history.isEmpty() || history.peekLast().at().isBefore(now)) {
            history.addLast(new Reading(now, current));
        }
        return new GroupLag(group, now, out);
    }

    /** {@code records ÷ shrinkPerSecond}, present only for a backlog that is shrinking. */
    static OptionalDouble drain(long records, double shrinkPerSecond) {
        return records > 0 && shrinkPerSecond > 0 ? OptionalDouble.of(records / shrinkPerSecond) : OptionalDouble.empty();
    }
}
