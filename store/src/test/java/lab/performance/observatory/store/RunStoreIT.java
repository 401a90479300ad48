package lab.performance.observatory.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import lab.performance.observatory.core.lifecycle.DrainProgress;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.report.BrokerSample;
import lab.performance.observatory.core.report.ComponentProfile;
import lab.performance.observatory.core.report.GeneratorWindow;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.ResourceSample;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.report.SourceTotals;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.stack.EmbeddedStack;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RunStoreIT {

    static DataSource db;
    static RunStore store;

    static final String SPEC = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: store-test}
            spec:
              duration_seconds: 4
              warmup_seconds: 1
              data_sources:
                - {name: ticks, data_type: market_data, generation_rate: 100}
              performance_targets: {min_throughput_eps: 50}
            """;

    @BeforeAll
    static void migrate() {
        db = EmbeddedStack.get().dataSource();
        ObservatoryDatabase.migrate(db);
        store = new RunStore(db);
    }

    @Test
    void runsAreFoundByBenchmarkStatusAndTimeOnePageAtATimeNewestFirst() throws Exception {
        BenchmarkSpec spec = SpecParser.parse(SPEC.replace("name: store-test", "name: paging-" + UUID.randomUUID()));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String run = spec.name() + "-" + i;
            store.runs().create(run, spec, null, Map.of());
            ids.add(0, run);
            Thread.sleep(5); // distinct creation times
        }
        store.runs().finish(ids.get(0), "aborted", Instant.now(), new RunFacts.Drain(false, 0, 0));
        RunRecords.Page first = store.runs().find(new RunQuery(spec.name(), null, null, null, 0, 2));
        assertThat(first.total()).isEqualTo(5);
        assertThat(first.runs()).extracting(RunSummary::runId).containsExactly(ids.get(0), ids.get(1));
        assertThat(store.runs().find(new RunQuery(spec.name(), null, null, null, 2, 2)).runs()).extracting(RunSummary::runId)
                .containsExactly(ids.get(4));
        assertThat(store.runs().find(new RunQuery(spec.name(), "aborted", null, null, 0, 10)).runs()).extracting(RunSummary::runId)
                .containsExactly(ids.get(0));
        assertThat(store.runs().find(new RunQuery(spec.name(), null, Instant.now().plusSeconds(60), null, 0, 10)).total()).isZero();
        assertThat(store.runs().find(new RunQuery(spec.name(), null, Instant.now().minusSeconds(600), Instant.now().plusSeconds(1), 0, 10))
                .total()).isEqualTo(5);
        assertThat(store.runs().summary(ids.get(2))).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo("running"));
        assertThat(store.runs().summary("no-such-run")).isEmpty();
        assertThat(store.runs().latestCompleted(spec.name())).isEmpty();
    }

    @Test
    void aBadPageIsRefusedBeforeAnySql() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RunQuery(null, null, null, null, -1, 10)).hasMessageStartingWith("page:");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RunQuery(null, null, null, null, 0, 501)).hasMessageStartingWith("size:");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RunQuery(null, "done", null, null, 0, 1)).hasMessageStartingWith("status:");
    }

    @Test
    void aStoredRunRebuildsItsReport() throws Exception {
        BenchmarkSpec spec = SpecParser.parse(SPEC);
        String run = "store-test-" + UUID.randomUUID();
        Instant start = Instant.parse("2026-11-27T10:00:00.250Z");
        Plan plan = Planner.plan(spec, "obs.x", Cluster.local(1, 2), CapacityModel.DEFAULT);
        store.runs().create(run, spec, plan, Map.of("cpu_model", "test cpu", "cores", "2"));
        assertThat(store.runs().status(run)).hasValue("running");
        assertThat(store.runs().facts(run)).isEmpty(); // nothing measured yet
        store.runs().recordGenerationStart(run, start);
        store.runs().recordGenerationEnd(run, start.plusSeconds(4));
        store.generators().saveTotals(run, 0, List.of(new GeneratorRecords.SourceRecord(new SourceTotals("ticks", DataType.MARKET_DATA, 401, 400, 1, 40_000), "obs.x.ticks")));
        store.resources().saveSamples(run, List.of(
                new ResourceSample("topology", start.plusSeconds(1), 1.0, 100 << 20, 120 << 20, 30),
                new ResourceSample("topology", start.plusSeconds(3), 2.0, 110 << 20, 130 << 20, 42, 77, 90L << 20, 12_345, 678, 1.5)));
        assertThat(store.resources().samples(run)).extracting(ResourceSample::openFiles, ResourceSample::anonRssBytes,
                        ResourceSample::voluntarySwitches, ResourceSample::involuntarySwitches, ResourceSample::runQueueSeconds)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 0L, 0L, 0L, 0.0), org.assertj.core.groups.Tuple.tuple(77, 90L << 20, 12_345L, 678L, 1.5));
        List<GeneratorWindow> generated = new ArrayList<>();
        for (int second = 0; second < 5; second++) {
            Histogram slip = LatencyHistograms.newHistogram();
            slip.recordValueWithCount(50 + second, 80);
            Histogram publish = LatencyHistograms.newHistogram();
            publish.recordValueWithCount(1500, 80);
            generated.add(new GeneratorWindow("ticks", DataType.MARKET_DATA, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(second),
                    slip, publish));
        }
        store.generators().saveWindows(run, 0, generated);
        store.resources().saveBrokerSamples(run, List.of(
                new BrokerSample(start.plusSeconds(1), 1_000, 500, 10, 100, 200, 4.0, 1000, 500_000, 501),
                new BrokerSample(start.plusSeconds(4), 31_000, 15_500, 310, 400, 800, 6.0, 1600, 800_000, 502)));
        store.resources().saveProfile(run, ComponentProfile.of("topology", new RunReport.JvmActivity(3, 12.5, 6.0, 55.5),
                List.of(new RunReport.HotMethod("topology", "cpu", "a.B.c", 12.5, 40.0)), Map.of("topology_cpu_flamegraph", "/x/cpu.html")));
        store.runs().saveArtifacts(run, Map.of("html_report", "/x/report.html"));
        TopicPartitionRef input = new TopicPartitionRef("obs.x.ticks", 0);
        WindowSink sink = new JdbcWindowSink(db, "obs-topology-" + run);
        long offset = 0;
        for (int second = 0; second < 5; second++) {
            Histogram h = LatencyHistograms.newHistogram();
            h.recordValueWithCount(2000 + second, 80);
            Instant window = Instant.parse("2026-11-27T10:00:00Z").plusSeconds(second);
            sink.write(List.of(new WindowDelta(run, DataType.MARKET_DATA, window, input, offset, offset + 79, 80, 8000, 0, 10, 8000, 4000, 2,
                            h.getMaxValue(), LatencyHistograms.compress(h))),
                    List.of(new WindowSink.Advance(input, second == 0 ? WindowSink.NO_PROGRESS : offset, offset + 80)));
            offset += 80;
        }
        store.runs().finish(run, "completed", start.plusSeconds(5), new RunFacts.Drain(true, 0.5, 0));

        RunReport report = store.reports().rebuild(run).orElseThrow();
        assertThat(report.events().generated()).isEqualTo(400);
        assertThat(report.events().processed()).isEqualTo(400);
        assertThat(report.events().lost()).isZero();
        assertThat(report.events().sendFailed()).isEqualTo(1);
        // whole windows from 10:00:02 (warm-up ends 10:00:01.25) to 10:00:04 (generation ends 10:00:04.25)
        assertThat(report.throughput().sustainedEps()).isEqualTo(80);
        assertThat(report.timing().measuredSeconds()).isEqualTo(2);
        assertThat(report.resources().get("topology").cpuCores()).isEqualTo(0.5);
        assertThat(report.resources().get("topology").peakRssMb()).isEqualTo(130);
        assertThat(report.environment()).containsEntry("cpu_model", "test cpu");
        // the plan the run was laid out by comes back with it, reasons and all
        assertThat(report.plan()).isEqualTo(plan);
        assertThat(report.plan().inputTopics()).singleElement().satisfies(t -> assertThat(t.partitions().reason()).isNotBlank());
        assertThat(report.targets().met()).isTrue();
        assertThat(report.processing().copiedBytes()).isEqualTo(5 * 4000);
        assertThat(report.processing().decodeFallbacks()).isEqualTo(10);
        assertThat(report.processing().zeroCopyRatio()).isEqualTo(0.5);
        assertThat(report.latencyMs().scheduleSlip().count()).isEqualTo(3 * 80);
        assertThat(report.latencyMs().scheduleSlip().max()).isEqualTo(0.054);
        assertThat(report.latencyMs().publish().p50()).isEqualTo(1.5);
        assertThat(report.warmupLatencyMs().scheduleSlip().count()).isEqualTo(2 * 80);
        assertThat(report.resources().get("topology").peakThreads()).isEqualTo(42);
        assertThat(report.resources().get("topology").jvm().gcPauseTotalMs()).isEqualTo(12.5);
        // 30,000 bytes in over the 3 s between the samples at and before warm-up end and generation end
        assertThat(report.broker().bytesInPerSecond()).isEqualTo(10_000);
        assertThat(report.broker().produceRequestMeanMs()).isEqualTo(2.0);
        assertThat(report.broker().fetchRequestMeanMs()).isEqualTo(500.0);
        assertThat(report.hotMethods()).extracting(RunReport.HotMethod::method).containsExactly("a.B.c");
        assertThat(report.artifacts()).containsEntry("html_report", "/x/report.html").containsEntry("topology_cpu_flamegraph", "/x/cpu.html");

        // rebuilt twice, the same document
        String json = ReportJson.write(report);
        assertThat(ReportJson.write(store.reports().rebuild(run).orElseThrow())).isEqualTo(json);
        store.runs().saveReport(run, json, "/tmp/report.json");
        assertThat(store.runs().list(100)).anySatisfy(s -> {
            assertThat(s.runId()).isEqualTo(run);
            assertThat(s.status()).isEqualTo("completed");
            assertThat(s.processed()).isEqualTo(400);
            assertThat(s.sustainedEps()).isEqualTo(80);
            assertThat(s.targetsMet()).isTrue();
            assertThat(s.durationSeconds()).isEqualTo(4);
        });
        assertThat(store.windows().processed(run)).isEqualTo(new WindowRecords.Processed(400, 0));
        // acknowledged 400, processed 400: drained
        assertThat(store.drainProgress(run)).isEqualTo(new DrainProgress(400, 400, 0));
        // jsonb reorders object keys, so the stored report reads back equal as a tree, not as text
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(mapper.readTree(ReportJson.write(store.reports().report(run).orElseThrow()))).isEqualTo(mapper.readTree(json));

        store.baselines().set("store-test", run);
        assertThat(store.baselines().runOf("store-test")).hasValue(run);
        assertThat(store.baselines().runOf("nothing")).isEmpty();
        assertThat(store.runs().completed("store-test", 1000)).contains(run);
        assertThat(store.runs().completed("other-benchmark", 1000)).doesNotContain(run);
    }

    @Test
    void storedWindowHistogramsMergeIntoExactlyThePercentilesOfAllValues() throws Exception {
        String run = "merge-test-" + UUID.randomUUID();
        store.runs().create(run, SpecParser.parse(SPEC), null, Map.of());
        java.util.SplittableRandom random = new java.util.SplittableRandom(42);
        Histogram all = LatencyHistograms.newHistogram();
        List<GeneratorWindow> windows = new ArrayList<>();
        for (int second = 0; second < 30; second++) {
            Histogram slip = LatencyHistograms.newHistogram();
            Histogram publish = LatencyHistograms.newHistogram();
            for (int i = 0; i < 2000; i++) {
                // log-normal-ish latencies from 100 µs to seconds, the shape real tails have
                long value = (long) (100 * Math.exp(random.nextDouble() * random.nextDouble() * 10));
                publish.recordValue(value);
                all.recordValue(value);
            }
            windows.add(new GeneratorWindow("ticks", DataType.MARKET_DATA, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(second),
                    slip, publish));
        }
        store.generators().saveWindows(run, 0, windows);
        Histogram merged = LatencyHistograms.newHistogram();
        store.generators().windows(run).forEach(w -> merged.add(w.publishMicros()));
        assertThat(merged.getTotalCount()).isEqualTo(60_000);
        for (double p : new double[] {50, 90, 99, 99.9, 99.99, 100}) {
            assertThat(merged.getValueAtPercentile(p)).as("p%s", p).isEqualTo(all.getValueAtPercentile(p));
        }
    }

    @Test
    void unknownAndAbandonedRunsHaveNoReport() throws Exception {
        assertThat(store.reports().rebuild("no-such-run")).isEmpty();
        assertThat(store.runs().status("no-such-run")).isEmpty();
        String run = "abandoned-" + UUID.randomUUID();
        store.runs().create(run, SpecParser.parse(SPEC), null, Map.of());
        store.runs().abandon(run, "aborted", Instant.now());
        assertThat(store.runs().status(run)).hasValue("aborted");
        assertThat(store.reports().rebuild(run)).isEmpty();
    }

    /** A generator stores its windows as the run goes: a late acknowledgement's part of a stored window is added to it. */
    @Test
    void aWindowStoredAgainIsAddedToWhatWasStored() throws Exception {
        String run = "late-" + UUID.randomUUID();
        store.runs().create(run, SpecParser.parse(SPEC), null, Map.of());
        Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
        Histogram slip = LatencyHistograms.newHistogram();
        slip.recordValueWithCount(40, 10);
        Histogram publish = LatencyHistograms.newHistogram();
        publish.recordValueWithCount(1_000, 10);
        store.generators().saveWindows(run, 0, List.of(new GeneratorWindow("ticks", DataType.MARKET_DATA, t0, slip, publish),
                new GeneratorWindow("ticks", DataType.MARKET_DATA, t0.plusSeconds(1), slip, publish)));
        Histogram late = LatencyHistograms.newHistogram();
        late.recordValue(90_000);
        store.generators().saveWindows(run, 0, List.of(new GeneratorWindow("ticks", DataType.MARKET_DATA, t0, LatencyHistograms.newHistogram(), late)));
        // another instance's window at the same start stays its own row
        store.generators().saveWindows(run, 1, List.of(new GeneratorWindow("ticks", DataType.MARKET_DATA, t0, LatencyHistograms.newHistogram(), late)));
        List<GeneratorWindow> stored = store.generators().windows(run);
        assertThat(stored).hasSize(3);
        assertThat(stored.get(0).publishMicros().getTotalCount() + stored.get(1).publishMicros().getTotalCount()).isEqualTo(12);
        assertThat(stored).filteredOn(w -> w.publishMicros().getTotalCount() == 11).singleElement().satisfies(w -> {
            assertThat(w.slipMicros().getTotalCount()).isEqualTo(10);
            assertThat(w.publishMicros().getMaxValue()).isEqualTo(w.publishMicros().highestEquivalentValue(90_000));
        });
        assertThat(stored.get(2).publishMicros().getTotalCount()).isEqualTo(10);
    }

    /** Generator Jobs on Kubernetes: several instances generate one run and the report counts them all. */
    @Test
    void parallelGeneratorInstancesAddUpAndSavingAgainReplacesAnInstancesRows() throws Exception {
        String run = "instances-" + UUID.randomUUID();
        store.runs().create(run, SpecParser.parse(SPEC), null, Map.of());
        Instant t0 = Instant.parse("2026-11-27T10:00:00Z");
        for (int instance = 0; instance < 3; instance++) {
            SourceTotals totals = new SourceTotals("ticks", DataType.MARKET_DATA, 100 + instance, 100 + instance, 0, 1000L * (instance + 1));
            store.generators().saveTotals(run, instance, List.of(new GeneratorRecords.SourceRecord(totals, "obs.ns.bench.ticks")));
            Histogram publish = LatencyHistograms.newHistogram();
            publish.recordValue(1000L * (instance + 1));
            store.generators().saveWindows(run, instance, List.of(new GeneratorWindow("ticks", DataType.MARKET_DATA, t0, LatencyHistograms.newHistogram(), publish)));
            store.runs().recordGenerationStart(run, t0.plusMillis(300 - 100 * instance));
            store.runs().recordGenerationEnd(run, t0.plusSeconds(4).plusMillis(100 * instance));
        }
        // instance 1 retried: its rows are replaced, not added twice
        store.generators().saveTotals(run, 1, List.of(new GeneratorRecords.SourceRecord(
                new SourceTotals("ticks", DataType.MARKET_DATA, 101, 101, 0, 2000), "obs.ns.bench.ticks")));

        assertThat(store.generators().totals(run)).singleElement().satisfies(t -> {
            assertThat(t.sent()).isEqualTo(303);
            assertThat(t.acked()).isEqualTo(303);
            assertThat(t.ackedBytes()).isEqualTo(6000);
        });
        Histogram merged = LatencyHistograms.newHistogram();
        store.generators().windows(run).forEach(w -> merged.add(w.publishMicros()));
        assertThat(merged.getTotalCount()).isEqualTo(3);
        assertThat(merged.getMaxValue()).isBetween(2995L, 3005L);
        store.runs().finish(run, "completed", t0.plusSeconds(5), new RunFacts.Drain(true, 0.5, 0));
        RunFacts facts = store.runs().facts(run).orElseThrow();
        assertThat(facts.generationStartedAt()).isEqualTo(t0.plusMillis(100));
        assertThat(facts.generationEndedAt()).isEqualTo(t0.plusSeconds(4).plusMillis(200));
    }
}
