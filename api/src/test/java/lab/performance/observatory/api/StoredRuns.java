package lab.performance.observatory.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lab.performance.observatory.core.report.Measurements;
import lab.performance.observatory.core.report.ReportBuilder;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.report.SourceTotals;
import lab.performance.observatory.core.report.WindowMetrics;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.core.verdict.RunComparator;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.store.RunStore;
import org.HdrHistogram.Histogram;

/**
 * Completed runs planted in the real store the way the lifecycle leaves them: a run row, generation
 * times, the report the core builds from per-second windows (the n-th run slower in latency than the
 * one before), and from the second on a verdict against the first.
 */
final class StoredRuns {

    private StoredRuns() {
    }

    static String spec(String benchmark) {
        return """
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: %s}
                spec:
                  duration_seconds: 30
                  warmup_seconds: 5
                  data_sources:
                    - {name: ticks, data_type: market_data, generation_rate: 1000}
                """.formatted(benchmark);
    }

    /** @return the run ids, newest first */
    static List<String> plant(RunStore store, String benchmark, int count) throws Exception {
        BenchmarkSpec spec = SpecParser.parse(spec(benchmark));
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        List<String> ids = new ArrayList<>();
        RunReport first = null;
        for (int run = 0; run < count; run++) {
            String id = benchmark + "-run-" + run;
            Instant start = t0.plusSeconds(3600L * run);
            store.runs().create(id, spec, null, Map.of("cpu_cores", "2"));
            SplittableRandom random = new SplittableRandom(run);
            List<WindowMetrics> windows = new ArrayList<>();
            long total = 0;
            for (int s = 0; s <= 30; s++) {
                long events = 950 + random.nextInt(100);
                total += events;
                Histogram h = LatencyHistograms.newHistogram();
                for (int i = 0; i < 200; i++) {
                    h.recordValue(2000 + random.nextInt(3000 * (Math.min(run, 4) + 1)));
                }
                windows.add(new WindowMetrics(DataType.MARKET_DATA, start.plusSeconds(s), events, events * 100, 0, 0, events * 90, 0, 0, h));
            }
            RunFacts facts = new RunFacts(id, spec, "completed", start, start.plusSeconds(30), start.plusSeconds(31),
                    new RunFacts.Drain(true, 0.5, 0), Map.of("cpu_cores", "2"), Map.of());
            RunReport report = ReportBuilder.build(facts, Measurements.of(List.of(new SourceTotals("ticks", DataType.MARKET_DATA, total, total, 0,
                    total * 100)), windows));
            store.runs().recordGenerationStart(id, start);
            store.runs().recordGenerationEnd(id, start.plusSeconds(30));
            store.runs().finish(id, "completed", start.plusSeconds(31), facts.drain());
            store.runs().saveReport(id, ReportJson.write(report), null);
            if (first == null) {
                first = report;
            } else {
                store.judgements().saveVerdict(RunComparator.compare(report, first, benchmark + "-first", Thresholds.DEFAULT), start.plusSeconds(32));
            }
            ids.add(0, id);
        }
        return ids;
    }
}
