package lab.performance.observatory.core.soak;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import lab.performance.observatory.core.profile.JvmRecording;
import lab.performance.observatory.core.report.ResourceSample;
import lab.performance.observatory.core.verdict.MaxRateSearch;

/**
 * Judges a soak (docs/reliability.md, "Soak"): per component, whether anonymous resident memory, heap
 * after the soak's full collections, threads and open files stayed flat over the measured window (all
 * resident memory is reported beside them). A metric is flat when the median
 * of the window's last third is within its {@link SoakMetric#tolerance tolerance} of the first
 * third's; it settled when it grew beyond that but no longer grows in the last third (a heap that
 * expanded once, a pool that filled); it grows when it is still rising at the end, which fails the
 * soak. Medians of thirds, not the slope, decide, so one spike or one GC does not; the least-squares
 * slope per hour and its R² are reported beside them.
 */
public final class SoakAnalysis {

    /** Readings each third of the window needs before a metric is judged. */
    static final int MIN_PER_THIRD = 3;
    /**
     * The cause of the collections the soak forces ({@code jcmd PID GC.run}): the heap after a full
     * collection is what is live; after a young one it still holds old garbage no mixed collection has
     * taken yet, and rises and falls with the old generation.
     */
    public static final String FORCED_GC_CAUSE = "Diagnostic Command";
    /** Readings a line keeps for its chart. */
    public static final int SERIES_POINTS = 600;

    private SoakAnalysis() {
    }

    /**
     * @param samples  every component's resource samples of the run
     * @param heap     per JVM component, the heap after each of the soak's full collections ({@link JvmRecording#heapAfter})
     * @param from     the start of the measured window (after the warm-up)
     * @param to       the end of generation
     * @param run      the soak run judged as a step of the max-rate search would be: it must stay sustainable
     * @param duplicates events counted twice by the run's audit, or null when it was not audited
     * @param maxRate  the max sustainable rate the soak's rate derives from, or null when given directly
     */
    public static SoakReport analyse(List<ResourceSample> samples, Map<String, List<JvmRecording.HeapReading>> heap, Instant from,
                                     Instant to, MaxRateSearch.Step run, Long duplicates, Double maxRate) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the soak's window ends (" + to + ") before it starts (" + from + ")");
        }
        Map<String, List<ResourceSample>> byComponent = new TreeMap<>();
        for (ResourceSample s : samples) {
            if (!s.at().isBefore(from) && !s.at().isAfter(to)) {
                byComponent.computeIfAbsent(s.component(), c -> new ArrayList<>()).add(s);
            }
        }
        List<SoakReport.Line> lines = new ArrayList<>();
        for (String component : union(byComponent.keySet(), heap.keySet())) {
            List<ResourceSample> own = byComponent.getOrDefault(component, List.of());
            if (!own.isEmpty()) {
                lines.add(judge(component, SoakMetric.RSS, points(own, from, ResourceSample::rssBytes)));
            }
            if (own.stream().anyMatch(s -> s.anonRssBytes() > 0)) {
                lines.add(judge(component, SoakMetric.RSS_ANON, points(own, from, ResourceSample::anonRssBytes)));
            }
            if (heap.containsKey(component)) {
                lines.add(judge(component, SoakMetric.HEAP_AFTER_GC, heapPoints(heap.get(component), from, to)));
            }
            // 0 throughout: a source that does not know (Kubernetes' metrics API has no threads or files)
            if (own.stream().anyMatch(s -> s.threads() > 0)) {
                lines.add(judge(component, SoakMetric.THREADS, points(own, from, ResourceSample::threads)));
            }
            if (own.stream().anyMatch(s -> s.openFiles() > 0)) {
                lines.add(judge(component, SoakMetric.OPEN_FILES, points(own, from, ResourceSample::openFiles)));
            }
        }
        List<String> problems = new ArrayList<>();
        if (!run.passed()) {
            problems.add("the rate was not sustained: " + run.reason());
        }
        if (duplicates != null && duplicates > 0) {
            problems.add(duplicates + " events counted twice");
        }
        for (SoakReport.Line l : lines) {
            if (SoakReport.GROWING.equals(l.verdict()) && l.judged()) {
                SoakMetric m = SoakMetric.fromWireName(l.metric());
                problems.add(String.format(Locale.ROOT, "%s %s grew %s (flat within %s) and was still growing", l.component(), l.metric(),
                        m.formatChange(l.growth()), m.format(l.tolerance())));
            }
        }
        double window = Duration.between(from, to).toNanos() / 1e9;
        return new SoakReport(run.runId(), maxRate, run.offeredEps(), run.achievedEps(), run.p99Ms(), run.lost(), duplicates, window, lines,
                problems, problems.isEmpty());
    }

    /** One metric's verdict from its readings in the window. */
    static SoakReport.Line judge(String component, SoakMetric metric, List<Trend.Point> points) {
        List<Trend.Point> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparingDouble(Trend.Point::seconds));
        Trend trend = Trend.fit(sorted);
        if (sorted.size() < 3 * MIN_PER_THIRD) {
            return unmeasured(component, metric, sorted, trend);
        }
        double start = sorted.get(0).seconds();
        double span = sorted.get(sorted.size() - 1).seconds() - start;
        List<List<Double>> thirds = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Trend.Point p : sorted) {
            int third = span == 0 ? 0 : Math.min(2, (int) (3 * (p.seconds() - start) / span));
            thirds.get(third).add(p.value());
        }
        if (thirds.stream().anyMatch(t -> t.size() < MIN_PER_THIRD)) {
            return unmeasured(component, metric, sorted, trend);
        }
        double first = median(thirds.get(0));
        double middle = median(thirds.get(1));
        double last = median(thirds.get(2));
        double growth = last - first;
        double tolerance = metric.tolerance(first);
        String verdict = growth <= tolerance ? SoakReport.FLAT : last - middle > tolerance / 2 ? SoakReport.GROWING : SoakReport.SETTLED;
        return new SoakReport.Line(component, metric.wireName(), sorted.size(), first, middle, last, growth, tolerance, trend.slopePerHour(),
                trend.rSquared(), verdict, metric.judged(), thin(sorted));
    }

    /** The readings after collections in the window, as points. */
    static List<Trend.Point> heapPoints(List<JvmRecording.HeapReading> readings, Instant from, Instant to) {
        List<Trend.Point> out = new ArrayList<>();
        for (JvmRecording.HeapReading r : readings) {
            if (!r.beforeGc() && !r.at().isBefore(from) && !r.at().isAfter(to)) {
                out.add(new Trend.Point(Duration.between(from, r.at()).toNanos() / 1e9, r.usedBytes()));
            }
        }
        return out;
    }

    private static List<Trend.Point> points(List<ResourceSample> samples, Instant from, ToDoubleFunction<ResourceSample> value) {
        List<Trend.Point> out = new ArrayList<>(samples.size());
        for (ResourceSample s : samples) {
            out.add(new Trend.Point(Duration.between(from, s.at()).toNanos() / 1e9, value.applyAsDouble(s)));
        }
        return out;
    }

    private static SoakReport.Line unmeasured(String component, SoakMetric metric, List<Trend.Point> points, Trend trend) {
        return new SoakReport.Line(component, metric.wireName(), points.size(), null, null, null, null, null,
                trend.slopePerHour(), trend.rSquared(), SoakReport.UNMEASURED, metric.judged(), thin(points));
    }

    /** At most {@link #SERIES_POINTS} points: runs of consecutive readings replaced by their mean time and value. */
    static List<Trend.Point> thin(List<Trend.Point> sorted) {
        int n = sorted.size();
        if (n <= SERIES_POINTS) {
            return sorted;
        }
        List<Trend.Point> out = new ArrayList<>(SERIES_POINTS);
        for (int b = 0; b < SERIES_POINTS; b++) {
            int from = (int) ((long) b * n / SERIES_POINTS);
            int to = (int) ((long) (b + 1) * n / SERIES_POINTS);
            double t = 0;
            double v = 0;
            for (int i = from; i < to; i++) {
                t += sorted.get(i).seconds();
                v += sorted.get(i).value();
            }
            out.add(new Trend.Point(t / (to - from), v / (to - from)));
        }
        return out;
    }

    private static List<String> union(java.util.Set<String> a, java.util.Set<String> b) {
        java.util.TreeSet<String> all = new java.util.TreeSet<>(a);
        all.addAll(b);
        return new ArrayList<>(all);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
