package lab.performance.observatory.core.report;

import java.time.Instant;
import lab.performance.observatory.core.lag.GroupLag;

/**
 * The topology's consumer group at one instant, as the run's front end read it from Kafka: records
 * not yet consumed over every input partition, and the age of the oldest of them (null when a
 * lagging partition's record could not be read).
 */
public record LagSample(Instant at, long lagRecords, Double lagSeconds) {

    public static LagSample of(GroupLag lag) {
        return new LagSample(lag.at(), lag.lagRecords(), lag.lagSeconds().isPresent() ? lag.lagSeconds().getAsDouble() : null);
    }
}
