package lab.performance.observatory.core.lag;

/**
 * One partition of a consumer group as Kafka reports it at one instant: the group's committed offset
 * (the next record it will consume) and the partition's end offset (the next record to be written).
 */
public record PartitionOffsets(String topic, int partition, long committed, long end) {

    public PartitionOffsets {
        if (committed < 0 || end < 0) {
            throw new IllegalArgumentException("offsets are non-negative: " + topic + "-" + partition + " committed " + committed + " end " + end);
        }
    }

    /** Records written but not yet consumed; 0 when the commit is at (or, after truncation, past) the end. */
    public long lagRecords() {
        return Math.max(0, end - committed);
    }

    public String key() {
        return topic + "-" + partition;
    }
}
