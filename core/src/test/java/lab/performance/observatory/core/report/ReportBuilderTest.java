package lab.performance.observatory.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.core.stats.LatencyHistograms;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {

    static final Instant T0 = Instant.parse("2026-11-27T10:00:00.400Z");

    static BenchmarkSpec spec(String targets) throws Exception {
        return SpecParser.parse("""
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: unit}
                spec:
                  duration_seconds: 10
                  warmup_seconds: 2
                  data_sources:
                    - {name: m, data_type: market_data, generation_rate: 100}
                    - {name: l, data_type: log_event, generation_rate: 50}
                """ + targets);
    }

    static RunFacts facts(BenchmarkSpec spec, String status, RunFacts.Drain drain) {
        return new RunFacts("run-1", spec, status, T0, T0.plusSeconds(10), T0.plusSeconds(11), drain, Map.of("cpu_cores", "2"), Map.of());
    }

    static WindowMetrics window(DataType type, int second, long events, long latencyMicros) {
        Histogram h = LatencyHistograms.newHistogram();
        h.recordValueWithCount(latencyMicros, events);
        return new WindowMetrics(type, Instant.parse("2026-11-27T10:00:00Z").plusSeconds(second), events, events * 100, 0, 0,
                events * 100, type == DataType.LOG_EVENT ? events * 100 : 0, type == DataType.LOG_EVENT ? events : 0, h);
    }

    /** Windows 10:00:00 .. 10:00:11, market 100/s with latency 1 ms, logs 50/s with 5 ms; second 6 is slow. */
    static List<WindowMetrics> windows() {
        List<WindowMetrics> rows = new ArrayList<>();
        for (int s = 0; s <= 11; s++) {
            rows.add(window(DataType.MARKET_DATA, s, s == 11 ? 40 : 100, s == 6 ? 80_000 : 1_000));
            rows.add(window(DataType.LOG_EVENT, s, 50, 5_000));
        }
        return rows;
    }

    static List<SourceTotals> sources(long marketAcked) {
        return List.of(new SourceTotals("m", DataType.MARKET_DATA, marketAcked + 1, marketAcked, 1, marketAcked * 100),
                new SourceTotals("l", DataType.LOG_EVENT, 600, 600, 0, 60_000));
    }

    static RunReport build(RunFacts facts, List<SourceTotals> sources, List<WindowMetrics> rows, List<ResourceSample> samples) {
        return ReportBuilder.build(facts, new Measurements(sources, rows, List.of(), samples, List.of(), List.of(), List.of()));
    }

    @Test
    void eachTimelineWindowHasItsWorstLagSampleAndNoneWhereNothingWasSampled() throws Exception {
        Instant w3 = Instant.parse("2026-11-27T10:00:03Z");
        List<LagSample> lag = List.of(new LagSample(w3.plusMillis(100), 40, 0.2), new LagSample(w3.plusMillis(900), 90, 0.1),
                new LagSample(w3.plusSeconds(1).plusMillis(10), 7, null));
        RunReport r = ReportBuilder.build(facts(spec(""), "completed", new RunFacts.Drain(true, 0.5, 0)),
                new Measurements(sources(1140), windows(), List.of(), List.of(), List.of(), List.of(), lag));
        RunReport.TimelinePoint third = r.timeline().stream().filter(p -> p.windowStart().equals(w3.toString())).findFirst().orElseThrow();
        assertThat(third.lagRecords()).isEqualTo(90);
        assertThat(third.lagSeconds()).isEqualTo(0.2);
        RunReport.TimelinePoint fourth = r.timeline().stream().filter(p -> p.windowStart().equals(w3.plusSeconds(1).toString()))
                .findFirst().orElseThrow();
        assertThat(fourth.lagRecords()).isEqualTo(7);
        assertThat(fourth.lagSeconds()).as("the oldest record could not be read").isNull();
        assertThat(r.timeline().get(0).lagRecords()).as("no sample in the window").isNull();
    }

    @Test
    void countsEverythingAndComputesLoss() throws Exception {
        RunReport r = build(facts(spec(""), "completed", new RunFacts.Drain(true, 0.5, 0)), sources(1140), windows(), List.of());
        assertThat(r.events()).isEqualTo(new RunReport.EventCounts(1740, 1740, 0, 0, 1741, 1, 0));
        assertThat(r.byType().get("market_data").events().processed()).isEqualTo(1140);
        assertThat(r.byType().get("log_event").events().processed()).isEqualTo(600);

        RunReport lossy = build(facts(spec(""), "completed", new RunFacts.Drain(false, 60, 30)), sources(1200), windows(), List.of());
        assertThat(lossy.events().lost()).isEqualTo(60);
        assertThat(lossy.events().undrained()).isEqualTo(30);
        assertThat(lossy.targets().met()).isFalse();
        assertThat(lossy.targets().failures()).containsExactly(
                "60 events lost (generated − processed − dead-lettered, 30 of them still undrained in the topics)");
        assertThat(lossy.byType().get("market_data").events().lost()).isEqualTo(60);
    }

    @Test
    void throughputCoversTheWholeWindowsBetweenWarmupAndTheEndOfGeneration() throws Exception {
        RunReport r = build(facts(spec(""), "completed", new RunFacts.Drain(true, 0.5, 0)), sources(1140), windows(), List.of());
        // warm-up ends 10:00:02.4 -> first whole window 10:00:03; generation ends 10:00:10.4 -> last whole window 10:00:09
        assertThat(r.timing().measuredSeconds()).isEqualTo(7.0);
        assertThat(r.throughput().sustainedEps()).isEqualTo(150.0);
        assertThat(r.throughput().peakEps()).isEqualTo(150.0);
        assertThat(r.throughput().bytesPerSecond()).isEqualTo(15_000.0);
        assertThat(r.byType().get("log_event").throughput().sustainedEps()).isEqualTo(50.0);
        assertThat(r.timing().durationSeconds()).isEqualTo(10.0);
        assertThat(r.timing().warmupSeconds()).isEqualTo(2.0);
    }

    @Test
    void latencyExcludesWarmupIncludesDrainAndMergesExactly() throws Exception {
        List<WindowMetrics> rows = windows();
        RunReport r = build(facts(spec(""), "completed", new RunFacts.Drain(true, 0.5, 0)), sources(1140), rows, List.of());
        Histogram all = LatencyHistograms.newHistogram();
        rows.stream().filter(w -> !w.windowStart().isBefore(Instant.parse("2026-11-27T10:00:03Z"))).forEach(w -> all.add(w.latencyMicros()));
        RunReport.Percentiles p = r.latencyMs().endToEnd();
        assertThat(p.count()).isEqualTo(all.getTotalCount()).isEqualTo(8 * 100 + 40 + 9 * 50);
        assertThat(p.p50()).isEqualTo(all.getValueAtPercentile(50) / 1000.0);
        assertThat(p.p99()).isEqualTo(all.getValueAtPercentile(99) / 1000.0);
        assertThat(p.max()).isEqualTo(all.getMaxValue() / 1000.0);
        assertThat(p.max()).isBetween(79.9, 80.1); // the slow second is in the measured range
        assertThat(r.byType().get("log_event").latencyMs().endToEnd().p99()).isBetween(4.99, 5.01);
        assertThat(r.timeline()).hasSize(12);
        assertThat(r.timeline().get(6).endToEndMs().p99()).isBetween(79.9, 80.1);
    }

    @Test
    void processingSaysHowMuchWasCopiedAndHowOftenDecodingFellBack() throws Exception {
        RunReport r = build(facts(spec(""), "completed", new RunFacts.Drain(true, 0.5, 0)), sources(1140), windows(), List.of());
        // logs (600 events, 60,000 bytes) copied everything, market data (114,000 bytes) nothing
        assertThat(r.processing().receivedBytes()).isEqualTo(174_000);
        assertThat(r.processing().copiedBytes()).isEqualTo(60_000);
        assertThat(r.processing().zeroCopyRatio()).isEqualTo(0.6552);
        assertThat(r.processing().decodeFallbacks()).isEqualTo(600);
        assertThat(r.processing().strategy()).isEqualTo("copying");
        assertThat(r.processing().topologyCpuUsPerEvent()).isZero(); // no resource samples
        // Kafka's consumer copied every record value (100 bytes each, 1,740 events) into a byte[]
        assertThat(r.processing().consumerCopiedBytes()).isEqualTo(174_000);
        assertThat(r.processing().recordBytesPerEvent()).isEqualTo(100.0);
        assertThat(r.processing().allocationBytesPerEvent()).as("no flight recording").isNull();
        assertThat(SummaryTable.render(r)).contains("Copies: the decoder copied 60.0 KB of 174.0 KB of payload; Kafka's consumer copied every record "
                + "value (174.0 KB)", "topology allocation unmeasured (no flight recording) per event, records 100 B on average");
    }

    @Test
    void aRunTooShortForAWholeWindowMeasuresItsExactInterval() throws Exception {
        BenchmarkSpec shortSpec = spec("").withDuration(Duration.ofMillis(1500));
        RunFacts facts = new RunFacts("run-2", shortSpec, "completed", T0, T0.plusMillis(1500), T0.plusSeconds(2),
                new RunFacts.Drain(true, 0.1, 0), Map.of(), Map.of());
        RunReport r = build(facts, sources(100), List.of(window(DataType.MARKET_DATA, 0, 100, 1000)), List.of());
        assertThat(r.timing().measuredSeconds()).isEqualTo(1.35);
        assertThat(r.events().processed()).isEqualTo(100);
    }

    @Test
    void resourcesAverageCpuOverTheMeasuredIntervalAndTakeThePeakRss() throws Exception {
        List<ResourceSample> samples = List.of(
                new ResourceSample("topology", T0, 1.0, 100L << 20, 100L << 20, 40),
                new ResourceSample("topology", T0.plusSeconds(2), 2.0, 200L << 20, 300L << 20, 40),
                new ResourceSample("topology", T0.plusSeconds(6), 4.0, 150L << 20, 300L << 20, 40),
                new ResourceSample("topology", T0.plusSeconds(10), 6.4, 120L << 20, 310L << 20, 40),
                new ResourceSample("broker", T0.plusSeconds(10), 3.0, 50L << 20, 50L << 20, 40));
        RunReport r = build(facts(spec(""), "completed", new RunFacts.Drain(true, 0.5, 0)), sources(1140), windows(), samples);
        // measured from warm-up end (T0+2 s, 2.0 s of CPU) to generation end (T0+10 s, 6.4 s): 4.4 s over 8 s
        assertThat(r.resources().get("topology").cpuCores()).isEqualTo(0.55);
        // 0.55 cores at 150 events/s
        assertThat(r.processing().topologyCpuUsPerEvent()).isEqualTo(3666.667);
        assertThat(r.resources().get("topology").peakRssMb()).isEqualTo(310.0);
        assertThat(r.resources().get("broker").cpuCores()).isZero(); // one sample: no interval
    }

    @Test
    void contextSwitchesPerSecondOverTheMeasuredInterval() throws Exception {
        List<ResourceSample> samples = List.of(
                new ResourceSample("topology", T0, 1.0, 100L << 20, 100L << 20, 40, 10, 0, 100, 10, 0.1),
                new ResourceSample("topology", T0.plusSeconds(2), 2.0, 100L << 20, 100L << 20, 40, 10, 0, 1_000, 50, 0.2),
                new ResourceSample("topology", T0.plusSeconds(10), 6.4, 100L << 20, 100L << 20, 40, 10, 0, 9_000, 450, 0.6),
                // a thread that exited took its switches along: no rate rather than a negative one
                new ResourceSample("generator", T0.plusSeconds(2), 1.0, 1, 1, 30, 10, 0, 5_000, 100, 1),
                new ResourceSample("generator", T0.plusSeconds(10), 2.0, 1, 1, 29, 10, 0, 4_000, 300, 2),
                // not measured (Kubernetes' metrics API)
                new ResourceSample("broker", T0.plusSeconds(2), 1.0, 1, 1, 0),
                new ResourceSample("broker", T0.plusSeconds(10), 2.0, 1, 1, 0));
        RunReport r = build(facts(spec(""), "completed", new RunFacts.Drain(true, 0.5, 0)), sources(1140), windows(), samples);

        // (9,000 - 1,000) / 8 s, (450 - 50) / 8 s and (0.6 - 0.2) s / 8 s
        assertThat(r.resources().get("topology").scheduling()).isEqualTo(new RunReport.Scheduling(1_000, 50, 50));
        assertThat(r.resources().get("generator").scheduling()).isNull();
        assertThat(r.resources().get("broker").scheduling()).isNull();
        assertThat(SummaryTable.render(r)).contains("switches/s vol/invol", "run queue ms/s", "1,000 / 50", "50.0");
    }

    @Test
    void eachTargetThatIsMissedIsNamed() throws Exception {
        List<ResourceSample> samples = List.of(
                new ResourceSample("topology", T0.plusSeconds(2), 0, 0, 600L << 20, 40),
                new ResourceSample("topology", T0.plusSeconds(10), 16, 0, 600L << 20, 40));
        String targets = "  performance_targets: {min_throughput_eps: 200, max_p99_latency_ms: 10, max_memory_mb: 512, max_cpu_cores: 1}\n";
        RunReport r = build(facts(spec(targets), "completed", new RunFacts.Drain(true, 0.5, 0)), sources(1140), windows(), samples);
        assertThat(r.targets().met()).isFalse();
        assertThat(r.targets().failures()).containsExactly(
                "sustained throughput 150 events/s is below min_throughput_eps 200",
                "end-to-end p99 80.063 ms is above max_p99_latency_ms 10",
                "topology peak RSS 600.0 MB is above max_memory_mb 512",
                "topology used 2.0 CPU cores, above max_cpu_cores 1");

        String met = "  performance_targets: {min_throughput_eps: 100, max_p99_latency_ms: 100, max_memory_mb: 700, max_cpu_cores: 3}\n";
        assertThat(build(facts(spec(met), "completed", new RunFacts.Drain(true, 0.5, 0)), sources(1140), windows(), samples)
                .targets().met()).isTrue();
        RunReport noSamples = build(facts(spec(met), "completed", new RunFacts.Drain(true, 0.5, 0)), sources(1140), windows(), List.of());
        assertThat(noSamples.targets().failures()).containsExactly(
                "max_memory_mb cannot be checked: no resource samples for the topology",
                "max_cpu_cores cannot be checked: no resource samples for the topology");
        RunReport failed = build(facts(spec(""), "failed", new RunFacts.Drain(true, 0.5, 0)), sources(1140), windows(), List.of());
        assertThat(failed.targets().failures()).containsExactly("run did not complete (status failed)");
    }

    @Test
    void theSameInputsGiveTheSameDocumentAndItReadsBack() throws Exception {
        RunFacts facts = facts(spec(""), "completed", new RunFacts.Drain(true, 0.5, 0));
        String a = ReportJson.write(build(facts, sources(1140), windows(), List.of()));
        String b = ReportJson.write(build(facts, sources(1140), windows(), List.of()));
        assertThat(a).isEqualTo(b).contains("\"sustained_eps\" : 150.0").contains("\"p999\"").contains("\"by_type\"");
        assertThat(ReportJson.write(ReportJson.read(a))).isEqualTo(a);
        String table = SummaryTable.render(ReportJson.read(a));
        assertThat(table).contains("market_data").contains("log_event").contains("total").contains("Targets: met");
    }

    @Test
    void cpuCountersGiveRatiosPerComponentAndInstructionsPerEventForTheTopologyOrOneReasonWhyNone() {
        RunReport.Throughput throughput = new RunReport.Throughput(1000, 1200, 100_000);
        assertThat(ResourceFigures.cpuCounters(List.of(), throughput)).as("none read: no section").isNull();

        RunReport.CpuCounters none = ResourceFigures.cpuCounters(List.of(CpuCounterReading.unavailable("no hardware counters")), throughput);
        assertThat(none.available()).isFalse();
        assertThat(none.reason()).isEqualTo("no hardware counters");
        assertThat(none.byComponent()).isEmpty();
        assertThat(SummaryTable.cpuCounters(none)).isEqualTo("CPU counters: absent (no hardware counters)");

        // the topology over 20 s at 1,000 events/s: 20,000 events
        RunReport.CpuCounters counted = ResourceFigures.cpuCounters(List.of(
                new CpuCounterReading("topology", Map.of("instructions", 4.0e8, "cycles", 3.2e8, "cache-references", 2.0e6,
                        "cache-misses", 1.5e5, "task-clock", 9000.0), 20, null),
                new CpuCounterReading("broker", Map.of("instructions", 1.0e9, "task-clock", 12000.0), 20, "absent: {cycles=not counted}")),
                throughput);
        assertThat(counted.available()).isTrue();
        RunReport.ComponentCounters topology = counted.byComponent().get("topology");
        assertThat(topology.instructionsPerCycle()).isEqualTo(1.25);
        assertThat(topology.cacheMissPercent()).isEqualTo(7.5);
        assertThat(topology.instructionsPerEvent()).isEqualTo(20_000.0);
        RunReport.ComponentCounters broker = counted.byComponent().get("broker");
        assertThat(broker.instructions()).isEqualTo(1.0e9);
        assertThat(broker.instructionsPerCycle()).as("no cycles: no ratio, not zero").isNull();
        assertThat(broker.cacheMissPercent()).isNull();
        assertThat(broker.instructionsPerEvent()).as("per event only for the topology, which processes each event once").isNull();
        assertThat(SummaryTable.cpuCounters(counted))
                .isEqualTo("CPU counters (perf stat): broker IPC absent, cache misses absent; topology IPC 1.25, cache misses 7.5 %, 20,000 instructions/event");
    }
}
