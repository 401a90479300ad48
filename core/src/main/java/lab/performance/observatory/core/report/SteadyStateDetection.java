package lab.performance.observatory.core.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.performance.observatory.core.stats.SteadyState;

/**
 * The report's {@code steady_state}: where the run settled, by MSER-5 ({@link SteadyState}) on its
 * per-window series over generation (warm-up included, drain not): the end-to-end p99 of each window
 * with events, and, when every source offers a steady rate, the events processed per window (a
 * pattern's rate varies by design, so its throughput says nothing about warm-up). Steady state is the
 * later of the two; the report warns when the measured interval starts before it, or when a series
 * never settled (docs/measurement.md, "Steady state").
 */
public final class SteadyStateDetection {

    static final String METHOD = "MSER-5";

    private SteadyStateDetection() {
    }

    /**
     * @param timeline     the report's windows, in order
     * @param measuredFrom when the measured interval starts (the end of the configured warm-up, on a window boundary)
     */
    public static RunReport.SteadyState of(List<RunReport.TimelinePoint> timeline, RunFacts facts, Instant measuredFrom) {
        boolean steadyOffered = facts.spec().offeredSources().stream()
                .allMatch(s -> s.pattern() instanceof lab.performance.observatory.core.spec.PatternSpec.Steady);
        return of(timeline, facts.generationStartedAt(), measuredFrom, steadyOffered);
    }

    /** @param steadyOffered whether every source offers a steady rate */
    static RunReport.SteadyState of(List<RunReport.TimelinePoint> timeline, Instant generationStart, Instant measuredFrom,
                                    boolean steadyOffered) {
        List<Double> p99 = new ArrayList<>();
        List<Double> p99At = new ArrayList<>();
        List<Double> processed = new ArrayList<>();
        List<Double> processedAt = new ArrayList<>();
        for (RunReport.TimelinePoint p : timeline) {
            if (ReportBuilder.DRAIN.equals(p.phase())) {
                continue;
            }
            double at = seconds(generationStart, Instant.parse(p.windowStart()));
            processed.add((double) p.processed());
            processedAt.add(at);
            if (p.endToEndMs() != null && p.endToEndMs().count() > 0) {
                p99.add(p.endToEndMs().p99());
                p99At.add(at);
            }
        }
        double measuredStart = seconds(generationStart, measuredFrom);
        SteadyState.Result latency = SteadyState.mser5(p99);
        SteadyState.Result throughput = steadyOffered ? SteadyState.mser5(processed) : null;
        Double latencyAt = settledAt(latency, p99At);
        Double throughputAt = throughput == null ? null : settledAt(throughput, processedAt);
        boolean settled = latencyAt != null && (throughput == null || throughputAt != null);
        Double detected = settled ? Math.max(latencyAt, throughputAt == null ? 0 : throughputAt) : null;
        List<String> unsettled = new ArrayList<>();
        if (latencyAt == null) {
            unsettled.add(latency.observations() < SteadyState.BATCH * SteadyState.MIN_BATCHES
                    ? "too few windows with latency (" + latency.observations() + ") to tell" : "the per-window p99 did not settle");
        }
        if (throughput != null && throughputAt == null) {
            unsettled.add(throughput.observations() < SteadyState.BATCH * SteadyState.MIN_BATCHES
                    ? "too few windows (" + throughput.observations() + ") to tell" : "the events processed per window did not settle");
        }
        String warning = null;
        if (!unsettled.isEmpty()) {
            warning = "steady state not found (" + METHOD + "): " + String.join("; ", unsettled)
                    + ", so the measured figures may include warm-up or a drift: run longer";
        } else if (detected > measuredStart) {
            warning = String.format(Locale.ROOT, "the measured interval starts at %.0f s, before steady state at %.0f s (%s): its first %.0f s "
                    + "are warm-up; a warmup_seconds of at least %.0f measures the steady state only", measuredStart, detected, METHOD,
                    detected - measuredStart, Math.ceil(detected));
        }
        return new RunReport.SteadyState(METHOD, detected, latencyAt, throughputAt, measuredStart, settled, warning);
    }

    /** Seconds after generation start where the series' steady part begins, or null when it did not settle. */
    private static Double settledAt(SteadyState.Result r, List<Double> at) {
        if (!r.settled()) {
            return null;
        }
        return r.truncated() < at.size() ? at.get(r.truncated()) : null;
    }

    private static double seconds(Instant from, Instant to) {
        return ReportBuilder.seconds(Duration.between(from, to));
    }
}
