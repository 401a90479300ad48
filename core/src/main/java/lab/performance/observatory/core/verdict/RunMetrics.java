package lab.performance.observatory.core.verdict;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.report.TargetEvaluator;

/**
 * The metrics a run is judged by, taken from its report: throughput, p50/p99/p99.9 of each latency
 * kind, the topology's CPU per event and its resident memory. Per-window samples come from the
 * report's measured windows only (warm-up and drain excluded).
 */
public final class RunMetrics {

    public static final String THROUGHPUT = "throughput_eps";
    public static final String CPU_PER_EVENT = "cpu_us_per_event";
    public static final String RSS = "rss_mb";

    private RunMetrics() {
    }

    /** Every metric name, in report order. */
    public static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(THROUGHPUT);
        for (String kind : List.of("end_to_end", "publish", "schedule_slip")) {
            for (String p : List.of("p50", "p99", "p999")) {
                names.add(kind + "_" + p + "_ms");
            }
        }
        names.add(CPU_PER_EVENT);
        names.add(RSS);
        return names;
    }

    public static Map<String, RunMetric> of(RunReport report) {
        List<RunReport.TimelinePoint> measured = report.timeline().stream().filter(p -> "measured".equals(p.phase())).toList();
        double windowSeconds = report.spec() == null ? 1
                : report.spec().path("spec").path("topology").path("window_seconds").asDouble(1);
        Map<String, RunMetric> out = new LinkedHashMap<>();
        out.put(THROUGHPUT, new RunMetric(THROUGHPUT, "events/s", Direction.HIGHER_IS_BETTER, RunMetric.Family.THROUGHPUT,
                report.throughput().sustainedEps(), series(measured, p -> p.processed() / windowSeconds, p -> true)));
        latency(out, "end_to_end", report.latencyMs().endToEnd(), measured, RunReport.TimelinePoint::endToEndMs);
        latency(out, "publish", report.latencyMs().publish(), measured, RunReport.TimelinePoint::publishMs);
        latency(out, "schedule_slip", report.latencyMs().scheduleSlip(), measured, RunReport.TimelinePoint::scheduleSlipMs);
        out.put(CPU_PER_EVENT, new RunMetric(CPU_PER_EVENT, "µs", Direction.LOWER_IS_BETTER, RunMetric.Family.RESOURCE,
                report.processing().topologyCpuUsPerEvent(),
                series(measured, p -> p.topologyCpuCores() * 1e6 * windowSeconds / p.processed(),
                        p -> p.processed() > 0 && p.topologyCpuCores() > 0)));
        RunReport.ComponentResources topology = report.resources().get(TargetEvaluator.TARGET_COMPONENT);
        out.put(RSS, new RunMetric(RSS, "MB", Direction.LOWER_IS_BETTER, RunMetric.Family.RESOURCE,
                topology == null ? 0 : topology.peakRssMb(),
                series(measured, RunReport.TimelinePoint::topologyRssMb, p -> p.topologyRssMb() > 0)));
        return out;
    }

    private static void latency(Map<String, RunMetric> out, String kind, RunReport.Percentiles overall,
                                List<RunReport.TimelinePoint> measured,
                                java.util.function.Function<RunReport.TimelinePoint, RunReport.WindowLatency> window) {
        put(out, kind + "_p50_ms", overall.p50(), series(measured, p -> window.apply(p).p50(), p -> window.apply(p).count() > 0));
        put(out, kind + "_p99_ms", overall.p99(), series(measured, p -> window.apply(p).p99(), p -> window.apply(p).count() > 0));
        put(out, kind + "_p999_ms", overall.p999(), series(measured, p -> window.apply(p).p999(), p -> window.apply(p).count() > 0));
    }

    private static void put(Map<String, RunMetric> out, String name, double value, double[] windows) {
        out.put(name, new RunMetric(name, "ms", Direction.LOWER_IS_BETTER, RunMetric.Family.LATENCY, value, windows));
    }

    private static double[] series(List<RunReport.TimelinePoint> points, ToDoubleFunction<RunReport.TimelinePoint> value,
                                   java.util.function.Predicate<RunReport.TimelinePoint> present) {
        return points.stream().filter(present).mapToDouble(value).toArray();
    }
}
