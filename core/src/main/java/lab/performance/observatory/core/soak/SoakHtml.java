package lab.performance.observatory.core.soak;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.UncheckedIOException;
import java.util.Locale;
import lab.performance.observatory.core.report.HtmlReport;

/**
 * The soak as one self-contained HTML page beside its table ({@code soak.html}): the verdict, the
 * table of every component and metric, and one chart per metric of every component's readings over
 * the measured window (uPlot, inlined, as in the run's report). Pure: the caller passes uPlot.
 */
public final class SoakHtml {

    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private SoakHtml() {
    }

    public static String render(SoakReport soak, HtmlReport.Assets assets) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>")
                .append(HtmlReport.esc("Observatory soak " + soak.runId())).append("</title>\n<style>").append(assets.uplotCss()).append('\n')
                .append(STYLE).append("</style>\n</head><body>\n");
        h.append("<h1>Soak <small>").append(HtmlReport.esc(soak.runId())).append("</small></h1>\n");
        h.append("<p class=\"verdict ").append(soak.passed() ? "ok\">passed" : "bad\">failed").append("</p>\n");
        h.append("<p>").append(HtmlReport.esc(soak.render().lines().findFirst().orElse(""))).append("</p>\n");
        if (!soak.problems().isEmpty()) {
            h.append("<ul class=\"bad\">");
            soak.problems().forEach(p -> h.append("<li>").append(HtmlReport.esc(p)).append("</li>"));
            h.append("</ul>\n");
        }
        h.append("<table><tr><th>component</th><th>metric</th><th>first third</th><th>middle third</th><th>last third</th><th>growth</th>"
                + "<th>flat within</th><th>slope per hour</th><th>R²</th><th>verdict</th></tr>\n");
        for (SoakReport.Line l : soak.lines()) {
            SoakMetric m = SoakMetric.fromWireName(l.metric());
            boolean measured = l.first() != null;
            String css = !l.judged() || SoakReport.UNMEASURED.equals(l.verdict()) ? "neutral" : SoakReport.GROWING.equals(l.verdict()) ? "bad" : "ok";
            h.append("<tr><td>").append(HtmlReport.esc(l.component())).append("</td><td>").append(HtmlReport.esc(l.metric())).append("</td>");
            for (Double v : new Double[] {l.first(), l.middle(), l.last()}) {
                h.append("<td>").append(measured ? m.format(v) : "-").append("</td>");
            }
            h.append("<td>").append(measured ? m.formatChange(l.growth()) : "-").append("</td><td>").append(measured ? m.format(l.tolerance()) : "-")
                    .append("</td><td>").append(m.formatChange(l.slopePerHour())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", l.rSquared())).append("</td><td class=\"").append(css).append("\">")
                    .append(l.verdict()).append(l.judged() ? "" : " (not judged)").append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"neutral\">Flat: the last third's median within the tolerance of the first's. Settled: it grew, then stopped "
                + "(the last third within half the tolerance of the middle one). Growing: still rising at the end, which fails the soak. "
                + "rss is all resident memory, with mapped files and shared memory, which grow with the data: reported, not judged; rss_anon, its "
                + "anonymous part, is. Heap after GC: after the full collections the soak forces every 30 s, so what is live.</p>\n");
        for (SoakMetric m : SoakMetric.values()) {
            h.append("<div id=\"chart-").append(m.wireName()).append("\" class=\"chart\"></div>\n");
        }
        h.append("<script>").append(assets.uplotJs()).append("</script>\n");
        h.append("<script type=\"application/json\" id=\"soak-data\">").append(data(soak)).append("</script>\n");
        h.append("<script>").append(SCRIPT).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static String data(SoakReport soak) {
        try {
            // inside a script element "</" would end it early
            return JSON.writeValueAsString(soak).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String STYLE = """
            body { font: 14px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 1200px; color: #222; }
            h1 small { color: #777; font-weight: normal; font-size: 60%; }
            table { border-collapse: collapse; margin: 0.5em 0 1em; }
            th, td { border: 1px solid #ddd; padding: 3px 8px; text-align: right; }
            th:first-child, td:first-child, th:nth-child(2), td:nth-child(2) { text-align: left; }
            .ok { color: #1a7f37; } .bad { color: #cf222e; } .neutral { color: #57606a; }
            .verdict { font-size: 150%; font-weight: bold; text-transform: uppercase; }
            .chart { margin: 1em 0; }
            """;

    /** One chart per metric, a series per component; records how many it drew (or the error) on body for tests. */
    private static final String SCRIPT = """
            (function () {
              try {
                const soak = JSON.parse(document.getElementById('soak-data').textContent);
                const width = Math.min(1150, (document.body.clientWidth || 1150));
                const colours = ['#0969da', '#cf222e', '#8250df', '#1a7f37', '#bf8700', '#57606a', '#e16f24'];
                const metrics = [['rss', 'Resident memory, all (MiB; not judged)', 1048576], ['rss_anon', 'Resident memory, anonymous (MiB)', 1048576],
                                 ['heap_after_gc', 'Heap after the forced full collections (MiB)', 1048576],
                                 ['threads', 'Threads', 1], ['open_files', 'Open files', 1]];
                let drawn = 0;
                for (const [metric, title, unit] of metrics) {
                  const lines = soak.lines.filter(l => l.metric === metric && l.series.length > 0);
                  if (lines.length === 0) continue;
                  const xs = Array.from(new Set([].concat(...lines.map(l => l.series.map(p => Math.round(p.seconds)))))).sort((a, b) => a - b);
                  const values = lines.map(l => {
                    const m = new Map(l.series.map(p => [Math.round(p.seconds), p.value / unit]));
                    return xs.map(x => m.has(x) ? m.get(x) : null);
                  });
                  const series = [{ label: 's into the window' }].concat(lines.map((l, i) => ({
                    label: l.component + ' (' + l.verdict + ')', stroke: colours[i % colours.length], width: 1.5, spanGaps: true })));
                  new uPlot({ title: title, width: width, height: 260, series: series, scales: { x: { time: false } },
                              axes: [{ label: 's into the measured window' }, { label: unit === 1 ? 'count' : 'MiB' }] },
                            [xs].concat(values), document.getElementById('chart-' + metric));
                  drawn++;
                }
                document.body.setAttribute('data-charts-drawn', String(drawn));
              } catch (e) {
                document.body.setAttribute('data-chart-error', String(e && e.stack ? e.stack : e));
              }
            })();
            """;
}
