package lab.performance.observatory.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lab.performance.observatory.core.report.ComponentProfile;
import lab.performance.observatory.core.report.GeneratorWindow;
import lab.performance.observatory.core.report.LagSample;
import lab.performance.observatory.core.report.Measurements;
import lab.performance.observatory.core.report.ReportBuilder;
import lab.performance.observatory.core.report.ResourceSample;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.report.SourceTotals;
import lab.performance.observatory.core.report.WindowMetrics;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.RunComparator;
import lab.performance.observatory.core.verdict.Thresholds;
import lab.performance.observatory.core.verdict.Verdict;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTML report, with a baseline overlaid, opened in real headless Chromium: every chart must draw. */
class HtmlReportBrowserIT {

    @TempDir
    Path dir;

    /** A 60 s run (10 s warm-up) at {@code rate} events/s with end-to-end latency around {@code latencyMs}. */
    static RunReport run(String runId, Instant start, double rate, double latencyMs, long seed) throws Exception {
        BenchmarkSpec spec = SpecParser.parse("""
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: browser}
                spec:
                  duration_seconds: 60
                  warmup_seconds: 10
                  data_sources:
                    - {name: ticks, data_type: market_data, generation_rate: 1000}
                """);
        SplittableRandom random = new SplittableRandom(seed);
        List<WindowMetrics> windows = new ArrayList<>();
        List<GeneratorWindow> generator = new ArrayList<>();
        List<ResourceSample> samples = new ArrayList<>();
        List<LagSample> lag = new ArrayList<>();
        long total = 0;
        for (int s = 0; s < 61; s++) {
            Instant w = start.plusSeconds(s);
            long events = (long) (rate * (0.97 + 0.06 * random.nextDouble()));
            total += events;
            Histogram e2e = LatencyHistograms.newHistogram();
            Histogram slip = LatencyHistograms.newHistogram();
            Histogram publish = LatencyHistograms.newHistogram();
            for (int i = 0; i < 500; i++) {
                e2e.recordValue((long) (latencyMs * 1000 * Math.exp(random.nextDouble() * random.nextDouble() * 3)));
                slip.recordValue(20 + random.nextInt(200));
                publish.recordValue(1000 + random.nextInt(3000));
            }
            windows.add(new WindowMetrics(DataType.MARKET_DATA, w, events, events * 150, 0, 0, events * 140, 0, 0, e2e));
            generator.add(new GeneratorWindow("ticks", DataType.MARKET_DATA, w, slip, publish));
            samples.add(new ResourceSample("topology", w, s * 0.3, (250L + s) << 20, (260L + s) << 20, 40));
            samples.add(new ResourceSample("broker", w, s * 0.5, 400L << 20, 410L << 20, 90));
            lag.add(new LagSample(w.plusMillis(500), 40 + random.nextInt(100), s == 30 ? null : 0.01 + random.nextDouble() / 10));
        }
        RunFacts facts = new RunFacts(runId, spec, "completed", start, start.plusSeconds(60), start.plusSeconds(62),
                new RunFacts.Drain(true, 0.4, 0), Map.of("cpu_model", "test", "cpu_cores", "2", "jvm", "17"),
                Map.of("topology_cpu_flamegraph", "/nowhere/topology-cpu-flamegraph.html"));
        ComponentProfile profile = ComponentProfile.of("topology", new RunReport.JvmActivity(4, 20, 8, 35),
                List.of(new RunReport.HotMethod("topology", "cpu", "a.b.C.<init>", 12.5, 40)), Map.of());
        return ReportBuilder.build(facts, new Measurements(List.of(new SourceTotals("ticks", DataType.MARKET_DATA, total, total, 0,
                total * 150)), windows, generator, samples, List.of(profile), List.of(), lag));
    }

    static String bodyTag(String dom) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<body[^>]*>").matcher(dom);
        return m.find() ? m.group() : "no <body> in " + dom.length() + " characters of DOM";
    }

    @Test
    void everyChartDrawsWithTheBaselineOverlaid() throws Exception {
        RunReport baseline = run("base-1", Instant.parse("2026-11-27T10:00:00Z"), 1000, 5, 1);
        RunReport candidate = run("cand-1", Instant.parse("2026-11-27T11:00:00Z"), 850, 5, 2);
        Comparison comparison = RunComparator.compare(candidate, baseline, "browser", Thresholds.DEFAULT);
        assertThat(comparison.verdict()).isEqualTo(Verdict.REGRESSION);

        Path html = dir.resolve("run/report.html");
        ReportFiles.writeHtml(html, candidate, baseline, comparison);
        String source = Files.readString(html);
        assertThat(source).contains("uPlot").contains("a.b.C.&lt;init&gt;").contains("throughput_eps");

        String dom = HeadlessChromium.dumpDom(html, dir.resolve("chromium-profile"));
        // the page's script marks <body> with how many charts it drew, or with the error that stopped it
        assertThat(bodyTag(dom)).isEqualTo("<body data-charts-drawn=\"6\">");
        // uPlot builds one canvas per chart and a legend row per series; the baseline adds dashed series
        assertThat(dom.split("<canvas", -1).length - 1).isEqualTo(6);
        assertThat(dom.contains("<div class=\"u-label\">lag seconds</div>")).isTrue();
        assertThat(dom.contains("<div class=\"u-label\">baseline end-to-end p99</div>")).isTrue();
        assertThat(dom.contains("<p class=\"verdict bad\">regression</p>")).isTrue();
        // what limited the run, one row per finding with its evidence
        assertThat(candidate.bottlenecks()).isNotEmpty();
        assertThat(dom).contains("<h2>What limited the run</h2>", "data-rule=\"" + candidate.bottlenecks().get(0).rule() + "\"",
                "<p class=\"copies\">Copies: the decoder copied ");
    }

    @Test
    void aReportWithoutBaselineOrResourcesStillDraws() throws Exception {
        RunReport r = run("solo-1", Instant.parse("2026-11-27T12:00:00Z"), 500, 2, 3);
        RunReport bare = new RunReport(r.reportVersion(), r.runId(), r.benchmark(), r.status(), r.timing(), r.events(), r.throughput(),
                r.latencyMs(), r.warmupLatencyMs(), r.latencyDistributionMs(), r.byType(), new java.util.TreeMap<>(), null,
                r.processing(), List.of(), new java.util.TreeMap<>(), r.targets(), r.timeline(), new java.util.TreeMap<>(),
                r.environment(), r.spec(), r.plan(), r.notes(), r.audit(), r.steadyState(), r.bottlenecks(), r.cpuCounters(), null);
        Path html = dir.resolve("bare.html");
        ReportFiles.writeHtml(html, bare, null, null);
        String dom = HeadlessChromium.dumpDom(html, dir.resolve("chromium-profile-2"));
        assertThat(bodyTag(dom)).isEqualTo("<body data-charts-drawn=\"4\">");
    }

    @Test
    void theSoakPageDrawsAChartPerMetric() throws Exception {
        Instant start = Instant.parse("2026-12-04T02:00:00Z");
        List<ResourceSample> samples = new ArrayList<>();
        List<lab.performance.observatory.core.profile.JvmRecording.HeapReading> heap = new ArrayList<>();
        for (int s = 0; s <= 120; s++) {
            samples.add(new ResourceSample("topology", start.plusSeconds(s), s * 0.4, (280L << 20) + s * (1L << 20), 0, 43, 71, (200L << 20) + s * (1L << 20)));
            samples.add(new ResourceSample("broker", start.plusSeconds(s), s * 0.5, 470L << 20, 0, 108, 227, 300L << 20));
            heap.add(new lab.performance.observatory.core.profile.JvmRecording.HeapReading(start.plusSeconds(s), s, false, 21L << 20));
        }
        var soak = lab.performance.observatory.core.soak.SoakAnalysis.analyse(samples, Map.of("topology", heap), start, start.plusSeconds(120),
                new lab.performance.observatory.core.verdict.MaxRateSearch.Step(8000, 8000, 15, 0.3, 0, true, "", "soak-<1>"), 0L, 10000.0);
        Path html = dir.resolve("soak.html");
        Files.writeString(html, lab.performance.observatory.core.soak.SoakHtml.render(soak, ReportAssets.load()));
        String dom = HeadlessChromium.dumpDom(html, dir.resolve("chromium-profile-3"));
        assertThat(bodyTag(dom)).isEqualTo("<body data-charts-drawn=\"5\">");
        assertThat(dom.split("<canvas", -1).length - 1).isEqualTo(5);
        assertThat(dom).contains("<div class=\"u-label\">topology (growing)</div>").contains("<p class=\"verdict bad\">failed</p>")
                .contains("soak-&lt;1&gt;");
    }
}
