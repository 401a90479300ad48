package lab.performance.observatory.core.lag;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/** A consumer group's partitions at one instant, and their totals. */
public record GroupLag(String group, Instant at, List<PartitionLag> partitions) {

    public GroupLag {
        partitions = List.copyOf(partitions);
    }

    public long lagRecords() {
        return partitions.stream().mapToLong(PartitionLag::lagRecords).sum();
    }

    /** The oldest unconsumed record's age over every partition (0 when all are caught up); empty when a lagging one could not be read. */
    public OptionalDouble lagSeconds() {
        double max = 0;
        for (PartitionLag p : partitions) {
            if (p.lagRecords() > 0 && p.lagSeconds().isEmpty()) {
                return OptionalDouble.empty();
            }
            max = Math.max(max, p.lagSeconds().orElse(0));
        }
        return OptionalDouble.of(max);
    }

    /** The whole backlog ÷ how fast it shrinks over every partition; present only while it is shrinking. */
    public OptionalDouble drainSeconds() {
        double shrink = partitions.stream().mapToDouble(p -> p.consumedPerSecond() - p.producedPerSecond()).sum();
        long records = lagRecords();
        return ConsumerLagTracker.drain(records, shrink);
    }

    public double consumedPerSecond() {
        return partitions.stream().mapToDouble(PartitionLag::consumedPerSecond).sum();
    }
}
