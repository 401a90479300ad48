package lab.performance.observatory.core.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.performance.observatory.core.report.SummaryTable;

/**
 * One metric over stored runs, oldest first, with the change points E-divisive finds in it: where
 * the metric stepped, by how much, and how sure the test is.
 */
public record MetricHistory(String metric, double pValueThreshold, List<Point> points, List<ChangePoints.ChangePoint> changePoints) {

    /** A run's value of the metric. */
    public record Point(String runId, String createdAt, String gitCommit, double value) {
    }

    public MetricHistory {
        points = List.copyOf(points);
        changePoints = List.copyOf(changePoints);
    }

    /** Fewest runs on either side of a change point. */
    public static final int MIN_SEGMENT = 3;

    public static MetricHistory of(String metric, List<Point> points, double pValueThreshold) {
        double[] series = points.stream().mapToDouble(Point::value).toArray();
        List<ChangePoints.ChangePoint> found = series.length < 2 * MIN_SEGMENT ? List.of()
                : ChangePoints.detect(series, pValueThreshold, MIN_SEGMENT);
        return new MetricHistory(metric, pValueThreshold, points, found);
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s over %d run(s), change points at p < %.3g (E-divisive means, t-test)%n%n",
                metric, points.size(), pValueThreshold));
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"run", "created", "commit", metric, "change point"});
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            String mark = "";
            for (ChangePoints.ChangePoint c : changePoints) {
                if (c.index() == i) {
                    mark = String.format(Locale.ROOT, "<- %+.1f %% (mean %.3f -> %.3f, p = %.2g)", c.changePercent(), c.meanBefore(),
                            c.meanAfter(), c.pValue());
                }
            }
            rows.add(new String[] {p.runId(), p.createdAt(), p.gitCommit() == null ? "" : p.gitCommit().substring(0, Math.min(10, p.gitCommit().length())),
                    ComparisonTable.fmt(p.value()), mark});
        }
        out.append(SummaryTable.table(rows, -1));
        if (points.size() < 2 * MIN_SEGMENT) {
            out.append(String.format(Locale.ROOT, "%nToo few runs for change points (need at least %d).%n", 2 * MIN_SEGMENT));
        } else if (changePoints.isEmpty()) {
            out.append("\nNo change points.\n");
        }
        return out.toString();
    }
}
