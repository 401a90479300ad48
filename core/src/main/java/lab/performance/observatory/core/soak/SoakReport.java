package lab.performance.observatory.core.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a soak found: the run it watched (its rate, what it kept up with, lost and counted twice), one
 * line per component and metric (the medians of the window's first, middle and last thirds, the
 * growth from first to last, what counts as flat, the least-squares slope per hour and its R²), the
 * problems, and whether it passed: the rate stayed sustainable and nothing grew.
 */
public record SoakReport(String runId, Double maxRateEps, double offeredEps, double achievedEps, double p99Ms, long lost, Long duplicates,
                         double windowSeconds, List<Line> lines, List<String> problems, boolean passed) {

    public static final String FLAT = "flat";
    /** Grew beyond the tolerance, then stopped: a warm-up effect, not a leak. */
    public static final String SETTLED = "settled";
    public static final String GROWING = "growing";
    /** Too few readings in some third of the window to say. */
    public static final String UNMEASURED = "unmeasured";

    public SoakReport {
        lines = List.copyOf(lines);
        problems = List.copyOf(problems);
    }

    /**
     * @param points readings in the window; {@code first}, {@code middle} and {@code last} are the
     *               medians of each third of it (null when unmeasured)
     * @param judged whether its growth fails the soak ({@link SoakMetric#judged()})
     * @param series the readings judged, for charts: at most {@link SoakAnalysis#SERIES_POINTS}, longer
     *               series thinned to the mean of equal runs of readings
     */
    public record Line(String component, String metric, int points, Double first, Double middle, Double last, Double growth,
                       Double tolerance, double slopePerHour, double rSquared, String verdict, boolean judged, List<Trend.Point> series) {

        public Line {
            series = List.copyOf(series);
        }
    }

    /** The table the soak prints and writes beside its report. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Soak %s: %.0f s measured at %,.0f events/s%s; processed %,.0f/s, p99 %.1f ms, lost %d, duplicates %s%n",
                runId, windowSeconds, offeredEps,
                maxRateEps == null ? "" : String.format(Locale.ROOT, " (%.0f %% of the max sustainable %,.0f)", 100 * offeredEps / maxRateEps, maxRateEps),
                achievedEps, p99Ms, lost, duplicates == null ? "not audited" : duplicates.toString()));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"component", "metric", "first third", "last third", "growth", "flat within", "slope/h", "R²", "verdict"});
        for (Line l : lines) {
            SoakMetric m = SoakMetric.fromWireName(l.metric());
            boolean measured = !UNMEASURED.equals(l.verdict());
            rows.add(new String[] {l.component(), l.metric(), measured ? m.format(l.first()) : "-", measured ? m.format(l.last()) : "-",
                    measured ? m.formatChange(l.growth()) : "-", measured ? m.format(l.tolerance()) : "-",
                    measured ? m.formatChange(l.slopePerHour()) : "-", measured ? String.format(Locale.ROOT, "%.2f", l.rSquared()) : "-",
                    l.judged() ? l.verdict() : l.verdict() + " *"});
        }
        out.append(lab.performance.observatory.core.report.SummaryTable.table(rows, -1));
        if (lines.stream().anyMatch(l -> !l.judged())) {
            out.append("* reported, not judged: all resident memory holds mapped files and shared memory, which grow with the data; "
                    + "rss_anon is judged\n");
        }
        out.append(passed ? "PASSED: the rate held and nothing grew\n" : "FAILED: " + String.join("; ", problems) + "\n");
        return out.toString();
    }
}
