package lab.performance.observatory.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lab.performance.observatory.core.audit.Audit;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.MetricComparison;

/**
 * The human report as one self-contained HTML file next to {@code report.json}: summary tables,
 * charts drawn by uPlot (inlined, so it opens offline) of throughput and latency percentiles over
 * time, the latency distribution curve, CPU and RSS per component, the baseline overlaid when
 * there is one, the comparison verdicts, hot methods and the flamegraphs. Pure: the caller passes
 * the uPlot script and stylesheet. Longer than 300 lines because it is one page's template: each
 * section is a few lines of markup around the report's figures, and split it would scatter one
 * layout over several files.
 */
public final class HtmlReport {

    /** uPlot's browser build and stylesheet, inlined into every report. */
    public record Assets(String uplotJs, String uplotCss) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private HtmlReport() {
    }

    /**
     * @param directory  where the HTML file will be written, so artefact links can be relative
     * @param baseline   the baseline run's report, or null
     * @param comparison this run against the baseline, or null
     */
    public static String render(RunReport report, RunReport baseline, Comparison comparison, Path directory, Assets assets) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(esc("Observatory run " + report.runId())).append("</title>\n<style>")
                .append(assets.uplotCss()).append('\n').append(STYLE).append("</style>\n</head><body>\n");
        h.append("<h1>").append(esc(report.benchmark())).append(" <small>").append(esc(report.runId())).append("</small></h1>\n");
        h.append("<p class=\"meta\">Status <b>").append(esc(report.status())).append("</b> · generated for ")
                .append(num(report.timing().durationSeconds(), 1)).append(" s, warm-up ").append(num(report.timing().warmupSeconds(), 1))
                .append(" s excluded, ").append(num(report.timing().measuredSeconds(), 1)).append(" s measured · targets ")
                .append(report.targets().met() ? "<span class=\"ok\">met</span>" : "<span class=\"bad\">NOT met</span>");
        RunReport.SteadyState steady = report.steadyState();
        if (steady != null) {
            h.append(" · steady state (").append(esc(steady.method())).append(") ")
                    .append(steady.detectedAtSeconds() == null ? "<span class=\"bad\">not found</span>" : "from " + num(steady.detectedAtSeconds(), 0) + " s");
        }
        h.append("</p>\n");
        if (!report.targets().failures().isEmpty()) {
            h.append("<ul class=\"bad\">");
            report.targets().failures().forEach(f -> h.append("<li>").append(esc(f)).append("</li>"));
            h.append("</ul>\n");
        }
        if (report.notes() != null && !report.notes().isEmpty()) {
            h.append("<ul class=\"notes\">");
            report.notes().forEach(n -> h.append("<li>").append(esc(n)).append("</li>"));
            h.append("</ul>\n");
        }
        if (report.ceiling() != null) {
            h.append("<p class=\"ceiling\">").append(esc(SummaryTable.ceiling(report.ceiling()))).append("</p>\n");
        }
        if (report.cpuCounters() != null) {
            h.append("<p class=\"cpu-counters\">").append(esc(SummaryTable.cpuCounters(report.cpuCounters()))).append("</p>\n");
        }
        if (report.bottlenecks() != null && !report.bottlenecks().isEmpty()) {
            h.append("<h2>What limited the run</h2>\n<table class=\"limits\"><tr><th>finding</th><th>try</th><th>evidence</th></tr>");
            for (RunReport.Bottleneck b : report.bottlenecks()) {
                StringBuilder e = new StringBuilder();
                b.evidence().forEach((k, v) -> e.append(e.length() == 0 ? "" : ", ").append(k).append(" = ").append(num(v, Math.abs(v) >= 100 || v == Math.rint(v) ? 0 : 3)));
                h.append("<tr data-rule=\"").append(esc(b.rule())).append("\"><td>").append(esc(b.finding())).append("</td><td>")
                        .append(esc(b.recommendation())).append("</td><td class=\"evidence\">").append(esc(e.toString())).append("</td></tr>");
            }
            h.append("</table>\n");
        }
        if (comparison != null) {
            comparison(h, comparison);
        }
        summary(h, report);
        h.append("<h2>Over time</h2>\n<div id=\"chart-throughput\" class=\"chart\"></div>\n<div id=\"chart-latency\" class=\"chart\"></div>\n"
                + "<div id=\"chart-lag\" class=\"chart\"></div>\n");
        h.append("<h2>Latency distribution (measured interval)</h2>\n<div id=\"chart-distribution\" class=\"chart\"></div>\n");
        h.append("<h2>Resources</h2>\n");
        resources(h, report);
        h.append("<div id=\"chart-cpu\" class=\"chart\"></div>\n<div id=\"chart-rss\" class=\"chart\"></div>\n");
        profiles(h, report, directory);
        h.append("<h2>Environment</h2>\n<table>");
        report.environment().forEach((k, v) -> h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>"));
        h.append("</table>\n");
        h.append("<script>").append(assets.uplotJs()).append("</script>\n");
        h.append("<script type=\"application/json\" id=\"observatory-data\">").append(data(report, baseline)).append("</script>\n");
        h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static void comparison(StringBuilder h, Comparison c) {
        String cls = switch (c.verdict()) {
            case REGRESSION -> "bad";
            case IMPROVEMENT -> "ok";
            default -> "neutral";
        };
        h.append("<h2>Against baseline ").append(esc(c.baselineName())).append(" <small>").append(esc(c.baselineRunId()))
                .append("</small></h2>\n<p class=\"verdict ").append(cls).append("\">").append(esc(c.verdict().wireName().replace('_', ' ')))
                .append("</p>\n");
        if (!c.environmentDifferences().isEmpty()) {
            h.append("<p class=\"bad\">Environments differ, so this comparison is weak:</p><ul>");
            c.environmentDifferences().forEach(d -> h.append("<li>").append(esc(d)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("<table><tr><th>metric</th><th>baseline</th><th>this run</th><th>change</th><th>p-value</th><th>effect</th><th>verdict</th><th>why</th></tr>\n");
        for (MetricComparison m : c.metrics()) {
            h.append("<tr class=\"").append(m.verdict().wireName()).append("\"><td>").append(esc(m.metric())).append("</td><td>")
                    .append(num(m.baseline(), 3)).append("</td><td>").append(num(m.candidate(), 3)).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%+.1f %%", m.changePercent())).append("</td><td>")
                    .append(m.pValue() == null ? "–" : String.format(Locale.ROOT, "%.2g", m.pValue())).append("</td><td>")
                    .append(m.effectSize() == null ? "–" : num(m.effectSize(), 2)).append("</td><td>")
                    .append(esc(m.verdict().wireName().replace('_', ' '))).append("</td><td>").append(esc(m.reason())).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void summary(StringBuilder h, RunReport r) {
        RunReport.EventCounts e = r.events();
        h.append("<h2>Summary</h2>\n<table><tr><th>generated</th><th>processed</th><th>dead-lettered</th><th>lost</th>")
                .append("<th>sustained events/s</th><th>peak events/s</th><th>MB/s</th></tr><tr><td>").append(e.generated())
                .append("</td><td>").append(e.processed()).append("</td><td>").append(e.deadLettered()).append("</td><td")
                .append(e.lost() != 0 ? " class=\"bad\"" : "").append('>').append(e.lost()).append("</td><td>")
                .append(num(r.throughput().sustainedEps(), 1)).append("</td><td>").append(num(r.throughput().peakEps(), 1))
                .append("</td><td>").append(num(r.throughput().bytesPerSecond() / 1e6, 2)).append("</td></tr></table>\n");
        if (r.audit() != null) {
            h.append("<p class=\"").append(Audit.AGREES.equals(r.audit().verdict()) ? "ok" : "bad").append("\">")
                    .append(esc(SummaryTable.auditLine(r.audit()))).append("</p>\n");
            r.audit().discrepancies().forEach(d -> h.append("<p class=\"bad\">").append(esc(d)).append("</p>\n"));
        }
        h.append("<table><tr><th>latency (ms)</th><th>count</th><th>p50</th><th>p90</th><th>p95</th><th>p99</th><th>p99.9</th><th>max</th></tr>\n");
        latencyRow(h, "end to end", r.latencyMs().endToEnd());
        latencyRow(h, "publish", r.latencyMs().publish());
        latencyRow(h, "schedule slip", r.latencyMs().scheduleSlip());
        if (r.latencyMs().commitToKafka() != null && r.latencyMs().commitToKafka().count() > 0) {
            latencyRow(h, "CDC commit to Kafka", r.latencyMs().commitToKafka());
        }
        latencyRow(h, "end to end, warm-up", r.warmupLatencyMs().endToEnd());
        h.append("</table>\n");
        RunReport.Processing p = r.processing();
        h.append("<p>Decoding: ").append(esc(p.strategy())).append(", zero-copy ratio ").append(num(p.zeroCopyRatio(), 2))
                .append(", ").append(p.decodeFallbacks()).append(" fallback(s), topology CPU ").append(num(p.topologyCpuUsPerEvent(), 2))
                .append(" µs/event</p>\n");
        if (p.consumerCopiedBytes() != null) {
            h.append("<p class=\"copies\">Copies: the decoder copied ").append(SummaryTable.bytes(p.copiedBytes())).append(" of ")
                    .append(SummaryTable.bytes(p.receivedBytes())).append(" of payload; Kafka's consumer copied every record value (")
                    .append(SummaryTable.bytes(p.consumerCopiedBytes())).append(") into the byte[] Streams hands on; topology allocation ")
                    .append(p.allocationBytesPerEvent() == null ? "unmeasured" : num(p.allocationBytesPerEvent(), 0) + " B")
                    .append(" per event, records ").append(p.recordBytesPerEvent() == null ? "-" : num(p.recordBytesPerEvent(), 0) + " B")
                    .append(" on average</p>\n");
        }
        h.append("<p>Processing guarantee: ").append(esc(p.processingGuarantee())).append("; replayed records the sink recognised and skipped: ")
                .append(TargetEvaluator.fmt(p.replaysSkipped())).append("</p>\n");
    }

    private static void latencyRow(StringBuilder h, String name, RunReport.Percentiles p) {
        h.append("<tr><td>").append(esc(name)).append("</td><td>").append(p.count()).append("</td><td>").append(num(p.p50(), 3))
                .append("</td><td>").append(num(p.p90(), 3)).append("</td><td>").append(num(p.p95(), 3)).append("</td><td>")
                .append(num(p.p99(), 3)).append("</td><td>").append(num(p.p999(), 3)).append("</td><td>").append(num(p.max(), 3))
                .append("</td></tr>\n");
    }

    private static void resources(StringBuilder h, RunReport r) {
        h.append("<table><tr><th>component</th><th>CPU cores</th><th>peak RSS MB</th><th>mean RSS MB</th><th>threads</th>")
                .append("<th>GCs</th><th>GC pause total ms</th><th>GC pause max ms</th><th>allocation MB/s</th>")
                .append("<th>voluntary switches/s</th><th>involuntary switches/s</th><th>run queue ms/s</th></tr>\n");
        r.resources().forEach((component, c) -> {
            h.append("<tr><td>").append(esc(component)).append("</td><td>").append(num(c.cpuCores(), 3)).append("</td><td>")
                    .append(num(c.peakRssMb(), 1)).append("</td><td>").append(num(c.meanRssMb(), 1)).append("</td><td>")
                    .append(c.peakThreads()).append("</td>");
            RunReport.JvmActivity j = c.jvm();
            if (j == null) {
                h.append("<td colspan=\"4\">no flight recording</td>");
            } else {
                h.append("<td>").append(j.gcCount()).append("</td><td>").append(num(j.gcPauseTotalMs(), 1)).append("</td><td>")
                        .append(num(j.gcPauseMaxMs(), 1)).append("</td><td>").append(num(j.allocationMbPerSecond(), 1)).append("</td>");
            }
            RunReport.Scheduling cs = c.scheduling();
            h.append(cs == null ? "<td colspan=\"3\">not measured</td>" : "<td>" + num(cs.voluntarySwitchesPerSecond(), 0) + "</td><td>"
                    + num(cs.involuntarySwitchesPerSecond(), 0) + "</td><td>" + num(cs.runQueueMsPerSecond(), 1) + "</td>");
            h.append("</tr>\n");
        });
        h.append("</table>\n");
        RunReport.Broker b = r.broker();
        if (b != null) {
            h.append("<p>Broker: ").append(num(b.bytesInPerSecond() / 1e6, 2)).append(" MB/s in, ")
                    .append(num(b.bytesOutPerSecond() / 1e6, 2)).append(" MB/s out, ").append(num(b.messagesInPerSecond(), 0))
                    .append(" messages/s in; produce requests ").append(num(b.produceRequestMeanMs(), 2)).append(" ms mean, ")
                    .append(num(b.produceRequestP99Ms(), 2)).append(" ms p99; fetch requests ").append(num(b.fetchRequestMeanMs(), 2))
                    .append(" ms mean, ").append(num(b.fetchRequestP99Ms(), 2)).append(" ms p99</p>\n");
        }
    }

    private static void profiles(StringBuilder h, RunReport r, Path directory) {
        if (!r.hotMethods().isEmpty()) {
            h.append("<h2>Hot methods (measured interval)</h2>\n<table><tr><th>component</th><th>kind</th><th>method</th>")
                    .append("<th>self %</th><th>self % 95 % interval</th><th>samples on top</th><th>total %</th></tr>\n");
            for (RunReport.HotMethod m : r.hotMethods()) {
                boolean counted = m.samples() != null;
                h.append("<tr><td>").append(esc(m.component())).append("</td><td>").append(esc(m.kind())).append("</td><td class=\"method\">")
                        .append(esc(m.method())).append("</td><td>").append(num(m.selfPercent(), 2)).append("</td><td>")
                        .append(counted ? num(m.selfLowPercent(), 1) + "-" + num(m.selfHighPercent(), 1) : "-").append("</td><td>")
                        .append(counted ? num(m.samples(), 0) + " of " + num(m.intervalSamples(), 0) : "-").append("</td><td>")
                        .append(num(m.totalPercent(), 2)).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        List<Map.Entry<String, String>> flames = new ArrayList<>();
        r.artifacts().entrySet().stream().filter(a -> a.getKey().endsWith("_flamegraph")).forEach(flames::add);
        if (!flames.isEmpty()) {
            h.append("<h2>Flamegraphs</h2>\n");
            for (Map.Entry<String, String> f : flames) {
                String href = relative(directory, f.getValue());
                h.append("<h3><a href=\"").append(esc(href)).append("\">").append(esc(f.getKey().replace('_', ' '))).append("</a></h3>\n")
                        .append("<iframe class=\"flame\" src=\"").append(esc(href)).append("\"></iframe>\n");
            }
        }
    }

    static String relative(Path directory, String file) {
        if (directory == null) {
            return file;
        }
        Path target = Path.of(file);
        Path dir = directory.toAbsolutePath().normalize();
        return target.isAbsolute() && target.normalize().startsWith(dir) ? dir.relativize(target.normalize()).toString() : file;
    }

    private static String data(RunReport report, RunReport baseline) {
        ObjectNode root = JSON.createObjectNode();
        root.set("run", JSON.valueToTree(report));
        root.set("baseline", baseline == null ? null : JSON.valueToTree(baseline));
        try {
            // inside a script element "</" would end it early
            return JSON.writeValueAsString(root).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Text for HTML element content and attribute values. */
    public static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String num(double v, int decimals) {
        return String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static final String STYLE = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; }
            h1 small, h2 small { color: #777; font-weight: normal; font-size: 60%; }
            table { border-collapse: collapse; margin: 0.5em 0 1em; }
            th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
            th:first-child, td:first-child, td.method { text-align: left; }
            .ok { color: #1a7f37; } .bad { color: #cf222e; } .neutral { color: #57606a; }
            tr.regression td { background: #ffebe9; } tr.improvement td { background: #dafbe1; }
            .verdict { font-size: 150%; font-weight: bold; text-transform: uppercase; }
            .chart { margin: 1em 0; } iframe.flame { width: 100%; height: 480px; border: 1px solid #ddd; }
            """;

    /** Draws the charts from the embedded data; records how many it drew (or the error) on body for tests. */
    private static final String SCRIPT = """
            (function () {
              try {
              const data = JSON.parse(document.getElementById('observatory-data').textContent);
              const run = data.run, base = data.baseline;
              const width = Math.min(1150, (document.body.clientWidth || 1150));
              let drawn = 0;
              const start = r => Date.parse(r.timing.generation_started_at) / 1000;
              const windowSeconds = r => (r.spec && r.spec.spec && r.spec.spec.topology && r.spec.spec.topology.window_seconds) || 1;
              const colours = ['#0969da', '#cf222e', '#8250df', '#1a7f37', '#bf8700', '#57606a', '#e16f24'];
              // over time: the configured warm-up shaded, the detected start of steady state as a dashed line
              const warmupEnd = run.timing.warmup_seconds, steadyAt = run.steady_state ? run.steady_state.detected_at_seconds : null;
              const phases = { hooks: { drawClear: [u => {
                const ctx = u.ctx, top = u.bbox.top, height = u.bbox.height, x0 = u.valToPos(u.scales.x.min, 'x', true);
                const xw = u.valToPos(Math.min(warmupEnd, u.scales.x.max), 'x', true);
                ctx.save(); ctx.fillStyle = 'rgba(128,128,128,0.12)'; ctx.fillRect(x0, top, Math.max(0, xw - x0), height);
                if (steadyAt !== null && steadyAt !== undefined) {
                  const xs = u.valToPos(steadyAt, 'x', true);
                  ctx.strokeStyle = '#1a7f37'; ctx.setLineDash([4, 4]); ctx.beginPath(); ctx.moveTo(xs, top); ctx.lineTo(xs, top + height); ctx.stroke();
                }
                ctx.restore(); }] } };
              function chart(id, title, xLabel, yLabel, series, xs, opts, overTime) {
                const el = document.getElementById(id);
                const s = [{ label: xLabel }].concat(series.map((v, i) => ({
                  label: v.label, stroke: v.colour || colours[i % colours.length], width: v.dash ? 1 : 1.5, dash: v.dash, spanGaps: true,
                  scale: v.scale })));
                new uPlot(Object.assign({ title: title, width: width, height: 300, series: s,
                  scales: { x: { time: false } }, axes: [{ label: xLabel }, { label: yLabel }], plugins: overTime === false ? [] : [phases] }, opts || {}),
                  [xs].concat(series.map(v => v.values)), el);
                drawn++;
              }
              // a timeline point's time in seconds since its run's generation started, so a baseline lines up
              function align(r, points, key) { return points.map(p => Date.parse(p[key]) / 1000 - start(r)); }
              function merge(xa, ya, xb, yb) {
                const xs = Array.from(new Set(xa.concat(xb))).sort((a, b) => a - b);
                const at = (x, y) => { const m = new Map(); x.forEach((v, i) => m.set(v, y[i])); return xs.map(v => m.has(v) ? m.get(v) : null); };
                return { xs: xs, a: ya.map(y => at(xa, y)), b: yb.map(y => at(xb, y)) };
              }
              const tl = run.timeline, bt = base ? base.timeline : [];
              const xr = align(run, tl, 'window_start'), xb = base ? align(base, bt, 'window_start') : [];
              const eps = (r, pts) => pts.map(p => p.processed / windowSeconds(r));
              let m = merge(xr, [eps(run, tl)], xb, base ? [eps(base, bt)] : []);
              chart('chart-throughput', 'Throughput (events/s processed per window)', 's since generation start', 'events/s',
                [{ label: 'this run', values: m.a[0] }].concat(base ? [{ label: 'baseline', values: m.b[0], colour: '#999', dash: [5, 5] }] : []), m.xs);
              // a log axis, so one warm-up spike does not flatten the rest: values that are not positive are not drawn
              const pos = v => v > 0 ? v : null;
              const lat = pts => [pts.map(p => p.end_to_end_ms.count ? pos(p.end_to_end_ms.p50) : null),
                pts.map(p => p.end_to_end_ms.count ? pos(p.end_to_end_ms.p99) : null),
                pts.map(p => p.end_to_end_ms.count ? pos(p.end_to_end_ms.p999) : null),
                pts.map(p => p.publish_ms.count ? pos(p.publish_ms.p99) : null),
                pts.map(p => p.schedule_slip_ms.count ? pos(p.schedule_slip_ms.p99) : null)];
              m = merge(xr, lat(tl), xb, base ? [lat(bt)[1]] : []);
              chart('chart-latency', 'Latency percentiles per window (ms, log scale; warm-up shaded, steady state from the dashed line)',
                's since generation start', 'ms',
                [{ label: 'end-to-end p50', values: m.a[0] }, { label: 'end-to-end p99', values: m.a[1] },
                 { label: 'end-to-end p99.9', values: m.a[2] }, { label: 'publish p99', values: m.a[3] },
                 { label: 'schedule slip p99', values: m.a[4] }]
                  .concat(base ? [{ label: 'baseline end-to-end p99', values: m.b[0], colour: '#999', dash: [5, 5] }] : []), m.xs,
                { scales: { x: { time: false }, y: { distr: 3 } } });
              // consumer lag, read from Kafka during the run: records on the left, age of the oldest unconsumed record on the right
              if (tl.some(p => p.lag_records !== null && p.lag_records !== undefined)) {
                chart('chart-lag', 'Consumer lag per window (worst sample)', 's since generation start', 'records',
                  [{ label: 'lag records', values: tl.map(p => p.lag_records), scale: 'records' },
                   { label: 'lag seconds', values: tl.map(p => p.lag_seconds), scale: 'seconds' }], xr,
                  { scales: { x: { time: false }, records: {}, seconds: {} },
                    axes: [{ label: 's since generation start' }, { label: 'records', scale: 'records' },
                           { label: 'seconds', scale: 'seconds', side: 1, grid: { show: false } }] });
              }
              // x: how many nines, so the tail gets the room it deserves
              const nines = p => p >= 100 ? 6 : Math.min(6, -Math.log10(1 - p / 100));
              const dist = run.latency_distribution_ms;
              const dx = dist.map(p => nines(p.percentile));
              const bmap = base ? new Map(base.latency_distribution_ms.map(p => [nines(p.percentile), p.end_to_end])) : null;
              chart('chart-distribution', 'Latency by percentile (log scale)', 'percentile', 'ms',
                [{ label: 'end-to-end', values: dist.map(p => p.end_to_end) }, { label: 'publish', values: dist.map(p => p.publish) },
                 { label: 'schedule slip', values: dist.map(p => p.schedule_slip) }]
                  .concat(base ? [{ label: 'baseline end-to-end', values: dx.map(x => bmap.has(x) ? bmap.get(x) : null), colour: '#999', dash: [5, 5] }] : []),
                dx, { axes: [{ label: 'percentile', splits: () => [0, 1, 2, 3, 4, 5],
                               values: (u, ticks) => ticks.map(t => ['0%', '90%', '99%', '99.9%', '99.99%', '99.999%'][t] || '') },
                             { label: 'ms' }] }, false);
              const comps = Object.keys(run.resource_timeline);
              if (comps.length > 0) {
                const xs = Array.from(new Set([].concat(...comps.map(c => run.resource_timeline[c].map(p => Math.round(Date.parse(p.at) / 1000 - start(run)))))))
                  .sort((a, b) => a - b);
                const series = key => comps.map(c => {
                  const mm = new Map(run.resource_timeline[c].map(p => [Math.round(Date.parse(p.at) / 1000 - start(run)), p[key]]));
                  return { label: c, values: xs.map(x => mm.has(x) ? mm.get(x) : null) };
                });
                chart('chart-cpu', 'CPU cores per component', 's since generation start', 'cores', series('cpu_cores'), xs);
                chart('chart-rss', 'Resident memory per component (MB)', 's since generation start', 'MB', series('rss_mb'), xs);
              }
              document.body.setAttribute('data-charts-drawn', String(drawn));
              } catch (e) {
                document.body.setAttribute('data-chart-error', String(e && e.stack ? e.stack : e));
              }
            })();
            """;
}
