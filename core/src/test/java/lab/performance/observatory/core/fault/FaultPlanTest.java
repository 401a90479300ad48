package lab.performance.observatory.core.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import org.junit.jupiter.api.Test;

class FaultPlanTest {

    static BenchmarkSpec spec() throws Exception {
        return FaultAnalysisTest.spec(); // 30 s, 2 s warm-up
    }

    @Test
    void everyFaultHasAWireNameThatReadsBack() {
        for (Fault f : Fault.values()) {
            assertThat(Fault.fromWireName(f.wireName())).contains(f);
            assertThat(f.defaultDuration()).isPositive();
        }
        assertThat(Fault.fromWireName("disk-full")).isEmpty();
        assertThat(Fault.wireNames()).isEqualTo("broker-restart, postgres-restart, topology-kill, registry-outage, network-stall, dead-letter-refused");
        assertThat(Fault.DEAD_LETTER_REFUSED.needsDeadLetters()).isTrue();
        assertThat(Fault.TOPOLOGY_KILL.needsDeadLetters()).isFalse();
        assertThat(Fault.REGISTRY_OUTAGE.needsRegistry()).isTrue();
        assertThat(Fault.BROKER_RESTART.needsRegistry()).isFalse();
    }

    @Test
    void aPlanThatFitsTheRunHasNoProblems() throws Exception {
        assertThat(new FaultPlan(Fault.BROKER_RESTART, Duration.ofSeconds(10), Duration.ofSeconds(5)).problems(spec())).isEmpty();
        assertThat(new FaultPlan(Fault.TOPOLOGY_KILL, Duration.ofSeconds(10), Duration.ZERO).problems(spec()))
                .as("a kill restarted at once").isEmpty();
        assertThat(FaultPlan.of(Fault.REGISTRY_OUTAGE, Duration.ofSeconds(5)).duration()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aFaultTooLateInTheRunOrInTheWarmUpOrOfNoDurationIsRefusedWithTheOptionToChange() throws Exception {
        assertThat(new FaultPlan(Fault.BROKER_RESTART, Duration.ofSeconds(20), Duration.ofSeconds(6)).problems(spec()))
                .singleElement().asString().contains("ends 26.0 s into a 30.0 s run").contains("--run-duration");
        assertThat(new FaultPlan(Fault.NETWORK_STALL, Duration.ofSeconds(1), Duration.ofSeconds(5)).problems(spec()))
                .singleElement().asString().contains("--at 1.0 s falls in the 2.0 s warm-up");
        assertThat(new FaultPlan(Fault.NETWORK_STALL, Duration.ZERO, Duration.ofSeconds(5)).problems(spec()))
                .anyMatch(p -> p.startsWith("--at must be after generation starts"));
        assertThat(new FaultPlan(Fault.POSTGRES_RESTART, Duration.ofSeconds(5), Duration.ZERO).problems(spec()))
                .containsExactly("--duration must be positive for postgres-restart");
        assertThat(new FaultPlan(Fault.DEAD_LETTER_REFUSED, Duration.ofSeconds(5), Duration.ofSeconds(5)).problems(spec()))
                .containsExactly("dead-letter-refused needs a data source with corrupt_fraction above 0: without dead letters it changes nothing");
        BenchmarkSpec corrupt = FaultAnalysisTest.spec(0.01);
        assertThat(new FaultPlan(Fault.DEAD_LETTER_REFUSED, Duration.ofSeconds(5), Duration.ofSeconds(5)).problems(corrupt)).isEmpty();
    }

    @Test
    void faultsInSequenceFollowEachOtherAGapAfterEachHeal() {
        var plans = FaultPlan.sequence(java.util.List.of(Fault.BROKER_RESTART, Fault.TOPOLOGY_KILL, Fault.REGISTRY_OUTAGE),
                Duration.ofSeconds(4), null, Duration.ofSeconds(8));
        assertThat(plans).extracting(FaultPlan::at).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(17), Duration.ofSeconds(26));
        assertThat(plans).extracting(FaultPlan::duration).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(20));
        assertThat(FaultPlan.sequence(java.util.List.of(Fault.NETWORK_STALL, Fault.POSTGRES_RESTART), Duration.ofSeconds(4),
                Duration.ofSeconds(3), Duration.ofSeconds(8))).extracting(FaultPlan::at).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(15));
    }
}
