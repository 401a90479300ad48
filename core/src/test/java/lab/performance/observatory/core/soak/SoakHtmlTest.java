package lab.performance.observatory.core.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.report.HtmlReport;
import lab.performance.observatory.core.report.ResourceSample;
import lab.performance.observatory.core.verdict.MaxRateSearch;
import org.junit.jupiter.api.Test;

class SoakHtmlTest {

    static final HtmlReport.Assets ASSETS = new HtmlReport.Assets("/* uplot */", "/* css */");

    @Test
    void thePageHoldsTheVerdictTheTableAndTheSeriesEscaped() {
        Instant start = Instant.parse("2026-12-04T02:00:00Z");
        List<ResourceSample> samples = new ArrayList<>();
        for (int s = 0; s <= 90; s++) {
            samples.add(new ResourceSample("gen<1></script>", start.plusSeconds(s), 0, (100L << 20) + s * (1L << 20), 0, 30, 12 + s / 10, 80L << 20));
        }
        SoakReport soak = SoakAnalysis.analyse(samples, Map.of(), start, start.plusSeconds(90),
                new MaxRateSearch.Step(100, 100, 3, 0.1, 0, true, "", "soak-x"), 0L, null);
        String html = SoakHtml.render(soak, ASSETS);
        assertThat(html).contains("<p class=\"verdict bad\">failed</p>").contains("gen&lt;1&gt;&lt;/script&gt; open_files grew")
                .doesNotContain("rss grew")
                .contains("<td>gen&lt;1&gt;&lt;/script&gt;</td><td>rss</td>").contains("gen<1><\\/script>")
                .contains("<td class=\"neutral\">growing (not judged)</td>").contains("<td class=\"bad\">growing</td>")
                .contains("id=\"chart-heap_after_gc\"").contains("/* uplot */")
                .contains("\"series\":[{\"seconds\":0.0,");
        // open files 12 -> 21 over 90 s: beyond 4, still rising
        assertThat(soak.lines()).filteredOn(l -> l.metric().equals("open_files")).singleElement()
                .satisfies(l -> assertThat(l.verdict()).isEqualTo(SoakReport.GROWING));
    }

    @Test
    void aPassedSoakSaysSo() {
        Instant start = Instant.parse("2026-12-04T02:00:00Z");
        List<ResourceSample> samples = new ArrayList<>();
        for (int s = 0; s <= 90; s++) {
            samples.add(new ResourceSample("topology", start.plusSeconds(s), 0, 300L << 20, 0, 43, 71, 200L << 20));
        }
        SoakReport soak = SoakAnalysis.analyse(samples, Map.of(), start, start.plusSeconds(90),
                new MaxRateSearch.Step(100, 100, 3, 0.1, 0, true, "", "soak-y"), 0L, 125.0);
        assertThat(SoakHtml.render(soak, ASSETS)).contains("<p class=\"verdict ok\">passed</p>").contains("<td class=\"ok\">flat</td>")
                .doesNotContain("<ul class=\"bad\">");
    }

    @Test
    void longSeriesAreThinnedToMeansForTheCharts() {
        List<Trend.Point> points = new ArrayList<>();
        for (int i = 0; i < 3600; i++) {
            points.add(new Trend.Point(i, i % 2 == 0 ? 10 : 20));
        }
        List<Trend.Point> thin = SoakAnalysis.thin(points);
        assertThat(thin).hasSize(SoakAnalysis.SERIES_POINTS);
        assertThat(thin.get(0)).isEqualTo(new Trend.Point(2.5, 15));
        assertThat(SoakAnalysis.thin(points.subList(0, 10))).isEqualTo(points.subList(0, 10));
    }
}
