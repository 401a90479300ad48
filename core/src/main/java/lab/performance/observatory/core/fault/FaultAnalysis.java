package lab.performance.observatory.core.fault;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import lab.performance.observatory.core.audit.Audit;
import lab.performance.observatory.core.report.RunReport;

/**
 * A fault's figures from the run's report and when the fault was injected and healed: pure, so the
 * chaos command and the tests judge alike (docs/reliability.md, "Fault suite").
 *
 * <p>Recovery is read from the report's timeline, one processing-time window at a time: a window is
 * steady when the pipeline processed at least {@link #RATE_SHARE} of what the schedule offered in it
 * and its consumer lag stayed under {@link #MAX_LAG_SECONDS} (a window without a lag sample is judged
 * by its rate alone). The run has recovered at the start of the first of {@link #STEADY_WINDOWS}
 * steady windows in a row from the heal on (fewer when generation ends sooner); a missing window (nothing
 * processed or sent in it) is not steady.
 */
public final class FaultAnalysis {

    public static final double RATE_SHARE = 0.9;
    public static final double MAX_LAG_SECONDS = 1.0;
    public static final int STEADY_WINDOWS = 3;

    /** When the injector acted: the injection and the heal (the moment the fault was undone: a restart begun, a signal sent). */
    public record Injection(Instant injectedAt, Instant healedAt) {
    }

    private FaultAnalysis() {
    }

    /**
     * @param offeredPerSecond the schedule's total rate at a time, in seconds since generation started
     */
    public static FaultFigures analyse(FaultPlan plan, Injection injection, RunReport report, DoubleUnaryOperator offeredPerSecond) {
        Instant start = Instant.parse(report.timing().generationStartedAt());
        Instant end = Instant.parse(report.timing().generationEndedAt());
        List<RunReport.TimelinePoint> timeline = report.timeline();
        Duration window = windowOf(timeline);
        Map<Instant, RunReport.TimelinePoint> byStart = new HashMap<>();
        timeline.forEach(p -> byStart.put(Instant.parse(p.windowStart()), p));

        Instant recovered = recovery(injection.healedAt(), start, end, window, byStart, offeredPerSecond);
        Double recoverySeconds = recovered == null ? null
                : Math.max(0, seconds(Duration.between(injection.healedAt(), recovered)));
        // not recovered: the worst window up to the end of the timeline (the drain included)
        Instant peakUntil = recovered == null ? Instant.MAX : recovered.plus(window.multipliedBy(STEADY_WINDOWS));
        Double before = medianP99(timeline, injection.injectedAt(), window);
        Double peak = null;
        for (RunReport.TimelinePoint p : timeline) {
            Instant s = Instant.parse(p.windowStart());
            if (p.endToEndMs() != null && p.endToEndMs().count() > 0 && !s.plus(window).isBefore(injection.injectedAt()) && s.isBefore(peakUntil)) {
                peak = peak == null ? p.endToEndMs().p99() : Math.max(peak, p.endToEndMs().p99());
            }
        }

        RunReport.Audit audit = report.audit();
        boolean audited = audit != null && !Audit.NOT_AUDITED.equals(audit.verdict());
        long lost = audited ? lost(audit) : Math.max(0, report.events().lost());
        Long duplicates = audited ? audit.duplicates() : null;
        List<String> failures = new ArrayList<>();
        if (!audited) {
            failures.add("not audited: Kafka's own count of the run could not be made");
        } else if (!Audit.AGREES.equals(audit.verdict())) {
            failures.add("the audit disagrees: " + String.join("; ", audit.discrepancies()));
        }
        if (lost > 0) {
            failures.add(lost + " records lost");
        }
        if (duplicates != null && duplicates > 0) {
            failures.add(duplicates + " events counted more than once");
        }
        if (recovered == null) {
            failures.add(String.format(Locale.ROOT, "did not recover before generation ended (%.1f s after the heal)",
                    seconds(Duration.between(injection.healedAt(), end))));
        }
        return new FaultFigures(plan.fault().wireName(), round(seconds(Duration.between(start, injection.injectedAt()))),
                round(seconds(Duration.between(injection.injectedAt(), injection.healedAt()))), lost, duplicates,
                audit == null ? 0 : audit.deadLetterRepeats(), report.processing().replaysSkipped(), report.events().sendFailed(),
                recoverySeconds == null ? null : round(recoverySeconds), before == null ? null : round(before),
                peak == null ? null : round(peak), audit == null ? Audit.NOT_AUDITED : audit.verdict(), failures);
    }

    /** Acknowledged but not in the topics, plus in the topics but neither processed nor dead-lettered, per type. */
    static long lost(RunReport.Audit audit) {
        long lost = 0;
        for (RunReport.AuditLine line : audit.byType().values()) {
            lost += Math.max(0, line.generated() - line.inTopics());
            lost += Math.max(0, line.inTopics() - line.processed() - line.deadLettered());
        }
        return lost;
    }

    private static Instant recovery(Instant healed, Instant start, Instant end, Duration window, Map<Instant, RunReport.TimelinePoint> byStart,
                                    DoubleUnaryOperator offered) {
        long w = window.toMillis();
        Instant first = Instant.ofEpochMilli(Math.floorDiv(healed.toEpochMilli(), w) * w);
        Instant candidate = null;
        int steady = 0;
        for (Instant s = first; s.plus(window).compareTo(end) <= 0; s = s.plus(window)) {
            if (steady(byStart.get(s), offeredIn(s, window, start, offered))) {
                if (candidate == null) {
                    candidate = s;
                }
                if (++steady == STEADY_WINDOWS) {
                    return candidate;
                }
            } else {
                candidate = null;
                steady = 0;
            }
        }
        return candidate; // steady up to the end of generation, if fewer windows were left
    }

    static boolean steady(RunReport.TimelinePoint p, double offered) {
        if (p == null) {
            return false;
        }
        boolean rate = p.processed() + p.deadLettered() >= RATE_SHARE * offered;
        return rate && (p.lagSeconds() == null || p.lagSeconds() < MAX_LAG_SECONDS);
    }

    private static double offeredIn(Instant windowStart, Duration window, Instant start, DoubleUnaryOperator offered) {
        double mid = seconds(Duration.between(start, windowStart)) + seconds(window) / 2;
        return offered.applyAsDouble(mid) * seconds(window);
    }

    /** The median of the window p99s that ended by the injection. */
    private static Double medianP99(List<RunReport.TimelinePoint> timeline, Instant injected, Duration window) {
        List<Double> p99s = new ArrayList<>();
        for (RunReport.TimelinePoint p : timeline) {
            Instant s = Instant.parse(p.windowStart());
            if ("measured".equals(p.phase()) && p.endToEndMs() != null && p.endToEndMs().count() > 0 && !s.plus(window).isAfter(injected)) {
                p99s.add(p.endToEndMs().p99());
            }
        }
        if (p99s.isEmpty()) {
            return null;
        }
        p99s.sort(Double::compare);
        int n = p99s.size();
        return n % 2 == 1 ? p99s.get(n / 2) : (p99s.get(n / 2 - 1) + p99s.get(n / 2)) / 2;
    }

    /** The timeline's window: the smallest step between window starts, a second when it cannot be told. */
    static Duration windowOf(List<RunReport.TimelinePoint> timeline) {
        Duration smallest = null;
        for (int i = 1; i < timeline.size(); i++) {
            Duration d = Duration.between(Instant.parse(timeline.get(i - 1).windowStart()), Instant.parse(timeline.get(i).windowStart()));
            if (!d.isNegative() && !d.isZero() && (smallest == null || d.compareTo(smallest) < 0)) {
                smallest = d;
            }
        }
        return smallest == null ? Duration.ofSeconds(1) : smallest;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
