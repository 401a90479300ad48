package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import lab.performance.observatory.core.lifecycle.RunPhase;
import lab.performance.observatory.lifecycle.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A run's lifecycle state kept in a benchmark's status between reconciliations: what is written reads back the same. */
class RunStatesTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void aBenchmarkWithoutARunRequestsOne() {
        RunState s = RunStates.of(new PipelineBenchmarkStatus(), "b-1", NOW);
        assertThat(s.phase()).isEqualTo(RunPhase.PROVISIONING);
        assertThat(s.recorded()).isFalse();
        assertThat(s.runId()).isEqualTo("b-1");
        assertThat(s.provisioningSince()).isEqualTo(NOW);
        PipelineBenchmarkStatus status = new PipelineBenchmarkStatus();
        RunStates.write(s, status, 4, "b-generator-4");
        assertThat(status.run).as("an unrecorded run is not kept").isNull();
        assertThat(status.phase).isEqualTo(PipelineBenchmarkStatus.Phase.Provisioning);
    }

    @ParameterizedTest
    @EnumSource(RunPhase.class)
    void aRecordedRunReadsBackAsWritten(RunPhase phase) {
        RunState written = new RunState(phase, "b-2", true, NOW, NOW.plusSeconds(5), NOW.plusSeconds(65), phase.over() ? NOW.plusSeconds(70) : null,
                3, "Running", "run b-2: 3 generator(s) sending", true, null);
        PipelineBenchmarkStatus status = new PipelineBenchmarkStatus();
        RunStates.write(written, status, 7, "b-generator-7");
        status.conditions.add(new ConditionBuilder().withType(BenchmarkStatuses.READY).withStatus("True").withReason(written.reason())
                .withMessage(written.message()).build());
        assertThat(status.run.generation).isEqualTo(7);
        assertThat(status.run.generatorJob).isEqualTo("b-generator-7");
        assertThat(RunStates.of(status, "unused", NOW.plusSeconds(99))).isEqualTo(written);
    }

    @Test
    void phasesMapBothWaysAndAnInvalidSpecStartsOver() {
        for (RunPhase p : RunPhase.values()) {
            assertThat(RunStates.phase(RunStates.phase(p))).isEqualTo(p);
        }
        assertThat(RunStates.phase(PipelineBenchmarkStatus.Phase.Invalid)).isEqualTo(RunPhase.PROVISIONING);
        assertThat(RunStates.phase((PipelineBenchmarkStatus.Phase) null)).isEqualTo(RunPhase.PROVISIONING);
    }
}
