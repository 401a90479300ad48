package lab.performance.observatory.core.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerLagTrackerTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private final ConsumerLagTracker tracker = new ConsumerLagTracker("g", Duration.ofSeconds(10));

    private static PartitionOffsets p(int partition, long committed, long end) {
        return new PartitionOffsets("t", partition, committed, end);
    }

    @Test
    void aCaughtUpPartitionIsZeroRecordsAndZeroSecondsWithNothingToFetch() {
        List<PartitionOffsets> read = List.of(p(0, 100, 100));
        assertThat(tracker.toFetch(read)).isEmpty();
        PartitionLag lag = tracker.lag(T0, read).partitions().get(0);
        assertThat(lag.lagRecords()).isZero();
        assertThat(lag.lagSeconds()).hasValue(0);
        assertThat(lag.drainSeconds()).isEmpty();
    }

    @Test
    void secondsAreTheAgeOfTheRecordAtTheCommittedOffsetAndGrowWithWallTimeWhileStalled() {
        List<PartitionOffsets> read = List.of(p(0, 40, 100));
        assertThat(tracker.toFetch(read)).containsExactly(p(0, 40, 100));
        tracker.found(p(0, 40, 100), T0.minusMillis(2500).toEpochMilli());
        assertThat(tracker.lag(T0, read).partitions().get(0).lagSeconds()).hasValue(2.5);

        // stalled: the same committed offset is cached, so no fetch, and the age grows with the clock
        List<PartitionOffsets> later = List.of(p(0, 40, 160));
        assertThat(tracker.toFetch(later)).isEmpty();
        PartitionLag lag = tracker.lag(T0.plusSeconds(3), later).partitions().get(0);
        assertThat(lag.lagSeconds()).hasValue(5.5);
        assertThat(lag.lagRecords()).isEqualTo(120);
        assertThat(lag.drainSeconds()).as("growing backlog").isEmpty();
    }

    @Test
    void aMovedCommitNeedsOneNewFetchAndUntilThenSecondsAreUnknown() {
        tracker.found(p(0, 40, 100), T0.toEpochMilli());
        List<PartitionOffsets> moved = List.of(p(0, 70, 100));
        assertThat(tracker.toFetch(moved)).containsExactly(p(0, 70, 100));
        assertThat(tracker.lag(T0, moved).partitions().get(0).lagSeconds()).isEmpty();
        assertThat(tracker.lag(T0, moved).lagSeconds()).isEmpty();
    }

    @Test
    void onlyLaggingPartitionsAreFetchedAndCaughtUpOnesAreForgotten() {
        tracker.found(p(1, 5, 9), T0.toEpochMilli());
        List<PartitionOffsets> read = List.of(p(0, 10, 10), p(1, 9, 9), p(2, 3, 8));
        assertThat(tracker.toFetch(read)).containsExactly(p(2, 3, 8));
        // partition 1 caught up and lags again at the offset it was cached at: the cache was dropped, so it is read again
        assertThat(tracker.toFetch(List.of(p(1, 5, 9)))).containsExactly(p(1, 5, 9));
    }

    @Test
    void drainEtaIsBacklogOverShrinkRateAndOnlyWhileShrinking() {
        tracker.found(p(0, 0, 1000), T0.toEpochMilli());
        tracker.lag(T0, List.of(p(0, 0, 1000)));
        tracker.found(p(0, 500, 1200), T0.toEpochMilli());
        // consumed 500/s, produced 200/s over 1 s: 700 left shrinking at 300/s
        PartitionLag lag = tracker.lag(T0.plusSeconds(1), List.of(p(0, 500, 1200))).partitions().get(0);
        assertThat(lag.consumedPerSecond()).isEqualTo(500);
        assertThat(lag.producedPerSecond()).isEqualTo(200);
        assertThat(lag.drainSeconds().getAsDouble()).isCloseTo(700 / 300.0, within(1e-9));
    }

    @Test
    void ratesReachBackNoFurtherThanTheWindow() {
        tracker.lag(T0, List.of(p(0, 0, 0)));
        tracker.lag(T0.plusSeconds(5), List.of(p(0, 1000, 1000)));
        // at 20 s both earlier readings are outside the 10 s window: no rate, no ETA
        PartitionLag lag = tracker.lag(T0.plusSeconds(20), List.of(p(0, 1000, 1500))).partitions().get(0);
        assertThat(lag.consumedPerSecond()).isZero();
        assertThat(lag.drainSeconds()).isEmpty();
        // the 20 s reading is the new base
        PartitionLag next = tracker.lag(T0.plusSeconds(22), List.of(p(0, 1400, 1500))).partitions().get(0);
        assertThat(next.consumedPerSecond()).isEqualTo(200);
    }

    @Test
    void groupTotalsSumRecordsTakeTheOldestAgeAndShrinkOverAllPartitions() {
        tracker.lag(T0, List.of(p(0, 0, 100), p(1, 0, 0)));
        tracker.found(p(0, 50, 100), T0.plusSeconds(1).toEpochMilli());
        GroupLag group = tracker.lag(T0.plusSeconds(5), List.of(p(0, 50, 100), p(1, 0, 0)));
        assertThat(group.lagRecords()).isEqualTo(50);
        assertThat(group.lagSeconds()).hasValue(4.0);
        assertThat(group.drainSeconds().getAsDouble()).isCloseTo(50 / 10.0, within(1e-9));
        assertThat(group.partitions().get(1).lagSeconds()).as("idle partition").hasValue(0);
    }

    @Test
    void offsetsAreValidated() {
        assertThatThrownBy(() -> p(0, -1, 3)).hasMessageContaining("non-negative");
        assertThatThrownBy(() -> new ConsumerLagTracker("g", Duration.ZERO)).hasMessageContaining("positive");
        assertThat(p(0, 9, 3).lagRecords()).as("commit past a truncated end").isZero();
    }
}
