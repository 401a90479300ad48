package lab.performance.observatory.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LagScalingTest {

    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    /** 12 streams of 2,500 events/s: 12 tasks; at least 2 replicas. */
    static Plan plan() throws Exception {
        Plan base = Planner.plan(PlannerTest.spec(12, PlannerTest.steady("ticks", 2_500, 190, 210)), "obs.s", Cluster.kubernetes(3, 1),
                CapacityModel.DEFAULT);
        assertThat(base.maxConsumerReplicas().value()).isEqualTo(12);
        assertThat(base.minConsumerReplicas().value()).isEqualTo(2);
        return base;
    }

    /** current replicas, lag records, consumed/s -> replicas, changed */
    @ParameterizedTest(name = "{0} replicas, {1} records behind at {2}/s -> {3}")
    @CsvSource({
            "2,  100000, 10000, 3, true",    // 10 s behind: up to the next divisor of 12
            "4,  100000, 10000, 6, true",
            "6,  100000, 10000, 12, true",   // 6 -> 12: there is no divisor in between
            "12, 100000, 10000, 12, false",  // already one replica per task
            "4,  20000,  10000, 4, false",   // 2 s: within bounds
            "4,  1000,   10000, 3, true",    // 0.1 s: down one divisor
            "3,  0,      10000, 2, true",
            "2,  0,      10000, 2, false",   // the plan's floor
            "2,  5000,   0,     3, true",    // nothing consumed, something waiting: unbounded lag
            "1,  0,      10000, 2, true",    // below the plan: back into bounds
            "20, 0,      10000, 12, true",   // above the plan: back into bounds
    })
    void scalesWithinThePlanByDivisors(int current, long lag, double rate, int expected, boolean changed) throws Exception {
        LagScaling.Decision d = LagScaling.decide(current, plan(), new LagScaling.Observation(NOW, lag, rate), null, LagScaling.Policy.DEFAULT);
        assertThat(d.replicas()).isEqualTo(expected);
        assertThat(d.changed()).isEqualTo(changed);
        assertThat(12 % d.replicas()).isZero();
        assertThat(d.reason()).isNotBlank();
    }

    @Test
    void theCooldownHoldsReplicasAfterAChange() throws Exception {
        LagScaling.Observation behind = new LagScaling.Observation(NOW, 100_000, 10_000);
        LagScaling.Decision held = LagScaling.decide(4, plan(), behind, NOW.minusSeconds(30), LagScaling.Policy.DEFAULT);
        assertThat(held.changed()).isFalse();
        assertThat(held.reason()).contains("cooling down until 2026-11-27T10:01:30Z");
        LagScaling.Decision after = LagScaling.decide(4, plan(), behind, NOW.minus(Duration.ofMinutes(3)), LagScaling.Policy.DEFAULT);
        assertThat(after.replicas()).isEqualTo(6);
        assertThat(after.reason()).isEqualTo("lag 10.0 s (100,000 records at 10,000/s) above 5 s: 4 -> 6 replicas");
    }
}
