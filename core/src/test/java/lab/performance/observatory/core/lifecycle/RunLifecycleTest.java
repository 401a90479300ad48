package lab.performance.observatory.core.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RunLifecycleTest {

    static final Optional<Duration> TWO_MINUTES = Optional.of(Duration.ofMinutes(2));

    /** topics ready of n, replicas ready of wanted, consuming all, waited s -> phase, action, reason */
    @ParameterizedTest(name = "{0}/{1} topics, {2}/{3} replicas, consuming {4}, {5} s -> {6} {7}")
    @CsvSource({
            "0, 4, 0, 1, false,   1, PROVISIONING, WAIT, Provisioning",
            "3, 4, 1, 1, true,    1, PROVISIONING, WAIT, Provisioning",     // a topic missing: consuming means nothing yet
            "4, 4, 0, 1, false,   1, PROVISIONING, WAIT, Provisioning",
            "4, 4, 1, 2, true,    1, PROVISIONING, WAIT, Provisioning",     // one replica of two
            "4, 4, 1, 1, false,   1, PROVISIONING, WAIT, WaitingForConsumers",
            "4, 4, 2, 2, false,  90, PROVISIONING, WAIT, WaitingForConsumers",
            "4, 4, 1, 1, true,    1, RUNNING, START_GENERATORS, Running",
            "4, 4, 3, 2, true,    1, RUNNING, START_GENERATORS, Running",   // more ready than wanted (a rollout): ready
            "4, 4, 1, 1, true,  500, RUNNING, START_GENERATORS, Running",   // ready wins over a timeout passed meanwhile
            "4, 4, 1, 1, false, 121, FAILED, FAIL, ProvisioningTimedOut",
            "0, 4, 0, 1, false, 121, FAILED, FAIL, ProvisioningTimedOut",
    })
    void provisioning(int topicsReady, int topics, int ready, int wanted, boolean consuming, long waited, RunPhase phase,
                      Decision.Action action, String reason) {
        Decision d = RunLifecycle.provisioning("r1", 2, new Readiness(topicsReady, topics, ready, wanted, consuming), Duration.ofSeconds(waited),
                TWO_MINUTES);
        assertThat(d.phase()).isEqualTo(phase);
        assertThat(d.action()).isEqualTo(action);
        assertThat(d.reason()).isEqualTo(reason);
        assertThat(d.ready()).isEqualTo(phase == RunPhase.RUNNING);
        assertThat(d.message()).isNotBlank();
    }

    @Test
    void provisioningMessagesSayWhatIsMissing() {
        Decision d = RunLifecycle.provisioning("r1", 2, new Readiness(3, 4, 0, 2, false), Duration.ZERO, TWO_MINUTES);
        assertThat(d.message()).isEqualTo("3 of 4 topic(s) ready; 0 of 2 topology replica(s) ready");
        Decision late = RunLifecycle.provisioning("r1", 2, new Readiness(4, 4, 1, 1, false), Duration.ofSeconds(130), TWO_MINUTES);
        Decision ready = RunLifecycle.provisioning("r1", 2, new Readiness(4, 4, 1, 1, true), Duration.ofSeconds(3), TWO_MINUTES);
        assertThat(ready.message()).isEqualTo("run r1: 2 generator(s) started; 4 topic(s) and 1 topology replica(s) ready, "
                + "every input partition assigned");
        assertThat(late.message()).startsWith("not provisioned within 120 s: topics and topology ready; waiting for the consumer group");
    }

    @Test
    void withoutATimeoutProvisioningWaitsForEver() {
        Decision d = RunLifecycle.provisioning("r1", 2, new Readiness(0, 4, 0, 1, false), Duration.ofDays(3), Optional.empty());
        assertThat(d.phase()).isEqualTo(RunPhase.PROVISIONING);
        assertThat(d.action()).isEqualTo(Decision.Action.WAIT);
    }

    @Test
    void running() {
        Decision sending = RunLifecycle.running("r1", new GeneratorState.Sending(2, 1, 3));
        assertThat(sending.phase()).isEqualTo(RunPhase.RUNNING);
        assertThat(sending.action()).isEqualTo(Decision.Action.WAIT);
        assertThat(sending.ready()).isTrue();
        assertThat(sending.message()).isEqualTo("run r1: 2 generator(s) sending, 1 of 3 done");

        Decision finished = RunLifecycle.running("r1", new GeneratorState.Finished(3));
        assertThat(finished.phase()).isEqualTo(RunPhase.ANALYZING);
        assertThat(finished.action()).isEqualTo(Decision.Action.END_GENERATION);
        assertThat(finished.reason()).isEqualTo(RunLifecycle.DRAINING);

        Decision failed = RunLifecycle.running("r1", new GeneratorState.Failed("generator Job j failed (BackoffLimitExceeded)"));
        assertThat(failed.phase()).isEqualTo(RunPhase.FAILED);
        assertThat(failed.action()).isEqualTo(Decision.Action.FAIL);
        assertThat(failed.reason()).isEqualTo(RunLifecycle.GENERATOR_FAILED);
        assertThat(failed.message()).isEqualTo("run r1: generator Job j failed (BackoffLimitExceeded)");
        assertThat(failed.ready()).isFalse();

        Decision missing = RunLifecycle.running("r1", new GeneratorState.Missing("generator Job j was deleted before the run ended"));
        assertThat(missing.phase()).isEqualTo(RunPhase.FAILED);
        assertThat(missing.reason()).isEqualTo(RunLifecycle.GENERATORS_MISSING);
    }

    @Test
    void aTopologyThatStoppedFailsTheRunWhileGeneratingAndWhileDraining() {
        java.util.Optional<String> stopped = java.util.Optional.of("the topology exited with status 3: dead-letter topic t refuses records");
        Decision generating = RunLifecycle.running("r1", new GeneratorState.Sending(1, 0, 1), stopped);
        assertThat(generating.phase()).isEqualTo(RunPhase.FAILED);
        assertThat(generating.action()).isEqualTo(Decision.Action.FAIL);
        assertThat(generating.reason()).isEqualTo(RunLifecycle.TOPOLOGY_STOPPED);
        assertThat(generating.message()).isEqualTo("run r1: the topology exited with status 3: dead-letter topic t refuses records");
        // it wins over generators that just finished: their events will never be processed
        assertThat(RunLifecycle.running("r1", new GeneratorState.Finished(1), stopped).reason()).isEqualTo(RunLifecycle.TOPOLOGY_STOPPED);
        assertThat(RunLifecycle.running("r1", new GeneratorState.Sending(1, 0, 1), java.util.Optional.empty()).action())
                .isEqualTo(Decision.Action.WAIT);

        Decision draining = RunLifecycle.analyzing(new DrainProgress(1000, 400, 0), Duration.ofSeconds(2), Duration.ofSeconds(60), stopped);
        assertThat(draining.phase()).isEqualTo(RunPhase.FAILED);
        assertThat(draining.action()).isEqualTo(Decision.Action.FAIL);
        assertThat(draining.message()).isEqualTo("the topology exited with status 3: dead-letter topic t refuses records, with 600 of 1,000 events unprocessed");
        // a drain already complete closes normally: everything was processed before it stopped
        assertThat(RunLifecycle.analyzing(new DrainProgress(1000, 1000, 0), Duration.ofSeconds(2), Duration.ofSeconds(60), stopped).action())
                .isEqualTo(Decision.Action.CLOSE);
    }

    /** acked, processed, dead-lettered, seconds since generation ended -> phase, action, reason */
    @ParameterizedTest(name = "{0} acked, {1}+{2} done after {3} s -> {4} {6}")
    @CsvSource({
            "1000, 1000, 0,   0, COMPLETED, CLOSE, Drained",
            "1000,  990, 10,  5, COMPLETED, CLOSE, Drained",       // dead letters count as handled
            "1000, 1001, 0,   5, COMPLETED, CLOSE, Drained",       // more than acknowledged is never behind
            "1000,  500, 0,   5, ANALYZING, WAIT, Draining",
            "1000,  500, 0,  59, ANALYZING, WAIT, Draining",
            "1000,  500, 0,  60, COMPLETED, CLOSE, DrainTimedOut", // the timeout is inclusive
            "0,       0, 0,   0, COMPLETED, CLOSE, Drained",       // nothing was acknowledged: nothing to wait for
    })
    void analyzing(long acked, long processed, long deadLettered, long seconds, RunPhase phase, Decision.Action action, String reason) {
        Decision d = RunLifecycle.analyzing(new DrainProgress(acked, processed, deadLettered), Duration.ofSeconds(seconds),
                Duration.ofSeconds(60));
        assertThat(d.phase()).isEqualTo(phase);
        assertThat(d.action()).isEqualTo(action);
        assertThat(d.reason()).isEqualTo(reason);
        assertThat(d.ready()).isTrue();
    }

    @Test
    void drainMessagesCountWhatIsLeft() {
        assertThat(RunLifecycle.analyzing(new DrainProgress(16_000, 15_000, 0), Duration.ofSeconds(3), Duration.ofMinutes(2)).message())
                .isEqualTo("generation over; 1,000 of 16,000 events still to process (3 s of 120 s drain timeout)");
        assertThat(RunLifecycle.analyzing(new DrainProgress(16_000, 15_000, 0), Duration.ofSeconds(120), Duration.ofMinutes(2)).message())
                .isEqualTo("drain timed out after 120.0 s with 1,000 of 16,000 events unprocessed");
        assertThat(RunLifecycle.analyzing(new DrainProgress(16_000, 16_000, 0), Duration.ofMillis(500), Duration.ofMinutes(2)).message())
                .isEqualTo("drained in 0.5 s");
    }

    @Test
    void drainProgress() {
        assertThat(new DrainProgress(10, 4, 3).behind()).isEqualTo(3);
        assertThat(new DrainProgress(10, 12, 0).behind()).isZero();
        assertThat(new DrainProgress(10, 7, 3).drained()).isTrue();
        assertThat(RunPhase.COMPLETED.over()).isTrue();
        assertThat(RunPhase.FAILED.over()).isTrue();
        assertThat(RunPhase.ANALYZING.over()).isFalse();
    }
}
