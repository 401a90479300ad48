package lab.performance.observatory.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
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

class RunStoreTest {

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
    void aStoredRunRebuildsItsReport() throws Exception {
        BenchmarkSpec spec = SpecParser.parse(SPEC);
        String run = "store-test-" + UUID.randomUUID();
        Instant start = Instant.parse("2026-11-27T10:00:00.250Z");
        store.createRun(run, spec, Map.of("cpu_model", "test cpu", "cores", "2"));
        assertThat(store.status(run)).hasValue("running");
        assertThat(store.facts(run)).isEmpty(); // nothing measured yet
        store.recordGenerationStart(run, start);
        store.recordGenerationEnd(run, start.plusSeconds(4));
        store.saveSourceTotals(run, List.of(new RunStore.SourceRecord(new SourceTotals("ticks", DataType.MARKET_DATA, 401, 400, 1, 40_000), "obs.x.ticks")));
        store.saveResourceSamples(run, List.of(
                new ResourceSample("topology", start.plusSeconds(1), 1.0, 100 << 20, 120 << 20),
                new ResourceSample("topology", start.plusSeconds(3), 2.0, 110 << 20, 130 << 20)));
        TopicPartitionRef input = new TopicPartitionRef("obs.x.ticks", 0);
        WindowSink sink = new WindowSink(db, "obs-topology-" + run);
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
        store.finish(run, "completed", start.plusSeconds(5), new RunFacts.Drain(true, 0.5, 0));

        RunReport report = store.rebuildReport(run).orElseThrow();
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
        assertThat(report.targets().met()).isTrue();
        assertThat(report.processing().copiedBytes()).isEqualTo(5 * 4000);
        assertThat(report.processing().decodeFallbacks()).isEqualTo(10);
        assertThat(report.processing().zeroCopyRatio()).isEqualTo(0.5);

        // rebuilt twice, the same document
        String json = ReportJson.write(report);
        assertThat(ReportJson.write(store.rebuildReport(run).orElseThrow())).isEqualTo(json);
        store.saveReport(run, json, "/tmp/report.json");
        assertThat(store.list(100)).anySatisfy(s -> {
            assertThat(s.runId()).isEqualTo(run);
            assertThat(s.status()).isEqualTo("completed");
            assertThat(s.processed()).isEqualTo(400);
            assertThat(s.sustainedEps()).isEqualTo(80);
            assertThat(s.targetsMet()).isTrue();
            assertThat(s.durationSeconds()).isEqualTo(4);
        });
        assertThat(store.processedSoFar(run)).containsExactly(400, 0);
    }

    @Test
    void unknownAndAbandonedRunsHaveNoReport() throws Exception {
        assertThat(store.rebuildReport("no-such-run")).isEmpty();
        assertThat(store.status("no-such-run")).isEmpty();
        String run = "abandoned-" + UUID.randomUUID();
        store.createRun(run, SpecParser.parse(SPEC), Map.of());
        store.abandon(run, "aborted", Instant.now());
        assertThat(store.status(run)).hasValue("aborted");
        assertThat(store.rebuildReport(run)).isEmpty();
    }
}
