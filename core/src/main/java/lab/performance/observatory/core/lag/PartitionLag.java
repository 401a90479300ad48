package lab.performance.observatory.core.lag;

import java.util.OptionalDouble;

/**
 * How far one partition of a consumer group is behind, exactly.
 *
 * @param lagRecords   end offset − committed offset
 * @param lagSeconds   age of the oldest unconsumed record (now − timestamp of the record at the committed
 *                     offset); 0 when caught up, empty when that record could not be read
 * @param drainSeconds records ÷ (consume rate − produce rate): when the backlog would be gone at the current
 *                     rates; present only while it is shrinking
 * @param consumedPerSecond committed offset's rate over the rate window
 * @param producedPerSecond end offset's rate over the rate window
 */
public record PartitionLag(String group, String topic, int partition, long lagRecords, OptionalDouble lagSeconds,
                           OptionalDouble drainSeconds, double consumedPerSecond, double producedPerSecond) {
}
