package lab.performance.observatory.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import lab.performance.observatory.core.lifecycle.GeneratorState;
import lab.performance.observatory.core.lifecycle.Readiness;
import lab.performance.observatory.core.lifecycle.RunPhase;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.SourceTotals;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.stack.EmbeddedStack;
import lab.performance.observatory.store.GeneratorRecords;
import lab.performance.observatory.store.JdbcWindowSink;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.RunStore;
import lab.performance.observatory.store.TopicPartitionRef;
import lab.performance.observatory.store.WindowDelta;
import lab.performance.observatory.store.WindowSink;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle driver on the real PostgreSQL with an executor a test scripts, as OpenMessaging
 * Benchmark's workload generator can run on any worker: what it records, when it starts
 * generators (once), how it drains and closes, and how a failure ends a run.
 */
class BenchmarkLifecycleIT {

    static RunStore store;

    @BeforeAll
    static void database() {
        ObservatoryDatabase.migrate(EmbeddedStack.get().dataSource());
        store = new RunStore(EmbeddedStack.get().dataSource());
    }

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: scripted}
            spec:
              duration_seconds: 4
              warmup_seconds: 1
              data_sources: [{name: ticks, data_type: market_data, generation_rate: 100}]
            """;

    /** Readiness and generator states as the test sets them; every call the lifecycle makes, in order. */
    static final class ScriptedExecutor implements RunExecutor {
        final List<String> calls = new ArrayList<>();
        Readiness readiness = new Readiness(0, 2, 0, 1, false);
        GeneratorState generators = new GeneratorState.Sending(1, 0, 1);
        Optional<String> topologyStopped = Optional.empty();

        @Override
        public Optional<String> topologyStopped(RunState run) {
            return topologyStopped;
        }

        @Override
        public void provision(RunState run) {
            calls.add("provision");
        }

        @Override
        public Readiness readiness(RunState run) {
            return readiness;
        }

        @Override
        public void startGenerators(RunState run, int instances) {
            calls.add("start " + instances);
        }

        @Override
        public GeneratorState generators(RunState run) {
            return generators;
        }

        @Override
        public void stopGenerators(RunState run) {
            calls.add("stop");
        }

        @Override
        public void collect(RunFacts facts) {
            calls.add("collect " + facts.runId());
        }

        @Override
        public void release(RunState run) {
            calls.add("release");
        }

        @Override
        public Map<String, String> environment() {
            return Map.of("executor", "scripted");
        }
    }

    /** What a generator and the topology would have written for 400 events. */
    static void generatedAndProcessed(String runId, Instant start) throws Exception {
        store.generators().saveTotals(runId, 0, List.of(new GeneratorRecords.SourceRecord(
                new SourceTotals("ticks", DataType.MARKET_DATA, 400, 400, 0, 40_000), "obs." + runId + ".ticks")));
        store.runs().recordGenerationStart(runId, start);
        store.runs().recordGenerationEnd(runId, start.plusSeconds(4));
        Histogram h = LatencyHistograms.newHistogram();
        h.recordValue(2000);
        TopicPartitionRef input = new TopicPartitionRef("obs." + runId + ".ticks", 0);
        new JdbcWindowSink(EmbeddedStack.get().dataSource(), "app-" + runId).write(List.of(new WindowDelta(runId, DataType.MARKET_DATA,
                start.plusSeconds(2), input, 0, 399, 400, 40_000, 0, 0, 36_000, 36_000, 0, 2000, LatencyHistograms.compress(h))),
                List.of(new WindowSink.Advance(input, WindowSink.NO_PROGRESS, 400)));
    }

    @Test
    void aRunIsRecordedProvisionedGeneratedOnceDrainedClosedAndReleased() throws Exception {
        BenchmarkSpec spec = SpecParser.parse(SPEC);
        Plan plan = Planner.plan(spec, "obs.scripted", Cluster.local(1, 2), CapacityModel.DEFAULT);
        ScriptedExecutor executor = new ScriptedExecutor();
        BenchmarkLifecycle lifecycle = new BenchmarkLifecycle(new BenchmarkRun(spec, plan, Optional.empty(), Thresholds.DEFAULT,
                Duration.ofMinutes(1), Optional.of(Duration.ofMinutes(2))), executor, store, Clock.systemUTC());
        String runId = "scripted-" + UUID.randomUUID();
        Instant start = Instant.now();

        RunState s = lifecycle.step(RunState.requested(runId, start));
        assertThat(s.phase()).isEqualTo(RunPhase.PROVISIONING);
        assertThat(s.recorded()).isTrue();
        assertThat(store.runs().status(runId)).hasValue("running");
        executor.readiness = new Readiness(2, 2, 1, 1, true);
        s = lifecycle.step(s);
        assertThat(s.phase()).isEqualTo(RunPhase.RUNNING);
        assertThat(s.generatorInstances()).isEqualTo(1);
        s = lifecycle.step(s);
        assertThat(s.phase()).as("still sending").isEqualTo(RunPhase.RUNNING);

        generatedAndProcessed(runId, start);
        executor.generators = new GeneratorState.Finished(1);
        s = lifecycle.step(s);
        assertThat(s.phase()).isEqualTo(RunPhase.ANALYZING);
        s = lifecycle.step(s);
        assertThat(s.phase()).isEqualTo(RunPhase.COMPLETED);
        assertThat(s.reason()).isEqualTo("Drained");
        assertThat(s.outcome().report().events().generated()).isEqualTo(400);
        assertThat(s.outcome().report().events().lost()).isZero();
        assertThat(s.outcome().report().plan()).isEqualTo(plan);
        assertThat(s.outcome().report().environment()).containsEntry("executor", "scripted");
        assertThat(s.outcome().baseline()).isEmpty();
        assertThat(store.runs().status(runId)).hasValue("completed");
        assertThat(store.runs().storedReport(runId)).isPresent();
        assertThat(lifecycle.step(s)).as("a run that is over stays over").isSameAs(s);
        assertThat(executor.calls).containsExactly("provision", "provision", "start 1", "provision", "provision", "provision",
                "collect " + runId, "release");
    }

    @Test
    void aFailedGeneratorFailsTheRunStopsWhatIsLeftAndReleases() throws Exception {
        BenchmarkSpec spec = SpecParser.parse(SPEC);
        Plan plan = Planner.plan(spec, "obs.scripted", Cluster.local(1, 2), CapacityModel.DEFAULT);
        ScriptedExecutor executor = new ScriptedExecutor();
        executor.readiness = new Readiness(2, 2, 1, 1, true);
        BenchmarkLifecycle lifecycle = new BenchmarkLifecycle(new BenchmarkRun(spec, plan, Optional.empty(), Thresholds.DEFAULT,
                Duration.ofMinutes(1), Optional.empty()), executor, store, Clock.systemUTC());
        String runId = "scripted-" + UUID.randomUUID();
        RunState s = lifecycle.step(RunState.requested(runId, Instant.now()));
        assertThat(s.phase()).isEqualTo(RunPhase.RUNNING);
        executor.generators = new GeneratorState.Failed("generator 0 failed (exit status 1)");
        s = lifecycle.step(s);
        assertThat(s.phase()).isEqualTo(RunPhase.FAILED);
        assertThat(s.reason()).isEqualTo("GeneratorFailed");
        assertThat(s.message()).isEqualTo("run " + runId + ": generator 0 failed (exit status 1)");
        assertThat(store.runs().status(runId)).hasValue("failed");
        assertThat(executor.calls).endsWith("stop", "release");

        // a run given up on purpose is recorded as such, and its generators stopped
        String other = "scripted-" + UUID.randomUUID();
        RunState running = lifecycle.step(RunState.requested(other, Instant.now()));
        RunState aborted = lifecycle.abandon(running, "aborted", "Aborted", "interrupted");
        assertThat(aborted.phase()).isEqualTo(RunPhase.FAILED);
        assertThat(store.runs().status(other)).hasValue("aborted");

        // Ctrl-C while the first step is still provisioning: the state in hand says not recorded, the row says running
        String early = "scripted-" + UUID.randomUUID();
        RunState requested = RunState.requested(early, Instant.now());
        store.runs().create(early, spec, plan, Map.of());
        lifecycle.abandon(requested, "aborted", "Aborted", "interrupted");
        assertThat(store.runs().status(early)).hasValue("aborted");
    }

    @Test
    void aTopologyThatStopsWhileTheRunDrainsFailsItAtOnce() throws Exception {
        BenchmarkSpec spec = SpecParser.parse(SPEC);
        Plan plan = Planner.plan(spec, "obs.scripted", Cluster.local(1, 2), CapacityModel.DEFAULT);
        ScriptedExecutor executor = new ScriptedExecutor();
        executor.readiness = new Readiness(2, 2, 1, 1, true);
        BenchmarkLifecycle lifecycle = new BenchmarkLifecycle(new BenchmarkRun(spec, plan, Optional.empty(), Thresholds.DEFAULT,
                Duration.ofMinutes(10), Optional.empty()), executor, store, Clock.systemUTC());
        String runId = "scripted-" + UUID.randomUUID();
        Instant start = Instant.now();
        RunState s = lifecycle.step(RunState.requested(runId, start));
        assertThat(s.phase()).isEqualTo(RunPhase.RUNNING);
        store.generators().saveTotals(runId, 0, List.of(new GeneratorRecords.SourceRecord(
                new SourceTotals("ticks", DataType.MARKET_DATA, 400, 400, 0, 40_000), "obs." + runId + ".ticks")));
        store.runs().recordGenerationStart(runId, start);
        store.runs().recordGenerationEnd(runId, start.plusSeconds(4));
        executor.generators = new GeneratorState.Finished(1);
        s = lifecycle.step(s);
        assertThat(s.phase()).isEqualTo(RunPhase.ANALYZING);
        s = lifecycle.step(s);
        assertThat(s.phase()).as("nothing processed yet: the drain waits").isEqualTo(RunPhase.ANALYZING);

        executor.topologyStopped = Optional.of("the topology exited with status 3: Kafka Streams stopped (RecordTooLargeException)");
        s = lifecycle.step(s);
        assertThat(s.phase()).as("not after the 10 min drain timeout: now").isEqualTo(RunPhase.FAILED);
        assertThat(s.reason()).isEqualTo("TopologyStopped");
        assertThat(s.message()).isEqualTo("the topology exited with status 3: Kafka Streams stopped (RecordTooLargeException), "
                + "with 400 of 400 events unprocessed");
        assertThat(store.runs().status(runId)).hasValue("failed");
        assertThat(executor.calls).endsWith("stop", "release");
    }
}
