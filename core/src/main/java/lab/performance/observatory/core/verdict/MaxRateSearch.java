package lab.performance.observatory.core.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.report.SummaryTable;

/**
 * The search for the highest sustainable rate: double the rate while steps pass, then bisect
 * between the best pass and the first failure until they are within {@code precision} of each
 * other. A step passes when the pipeline kept up (processed at least {@code minKeptUp} of the
 * offered rate in the measured windows, drained within {@code maxDrainSeconds}, lost nothing) and
 * the end-to-end p99 met the SLO. Pure: the caller runs each step and feeds the result back.
 */
public final class MaxRateSearch {

    /** What makes a step sustainable. */
    public record Criteria(double p99SloMs, double minKeptUp, double maxDrainSeconds, double precision, int maxSteps) {

        public static Criteria withSlo(double p99SloMs) {
            return new Criteria(p99SloMs, 0.98, 5.0, 0.1, 8);
        }
    }

    /** One walked rate and what it gave; {@code reason} says why it failed (empty when it passed). */
    public record Step(double offeredEps, double achievedEps, double p99Ms, double drainSeconds, long lost, boolean passed,
                       String reason, String runId) {
    }

    private final Criteria criteria;
    private final List<Step> steps = new ArrayList<>();
    private double next;

    public MaxRateSearch(double startRate, Criteria criteria) {
        if (!(startRate > 0)) {
            throw new IllegalArgumentException("the search starts at a positive rate");
        }
        this.criteria = criteria;
        this.next = startRate;
    }

    /** Judges one step's report. */
    public Step judge(double offered, RunReport report) {
        return judge(offered, report.throughput().sustainedEps(), report.latencyMs().endToEnd().p99(), report.timing().drainCompleted(),
                report.timing().drainSeconds(), report.events().lost(), report.runId());
    }

    /** Judges one step from its figures: what it sustained, its p99, how its backlog drained, what it lost ({@code id}: the step's run). */
    public Step judge(double offered, double achieved, double p99, boolean drainCompleted, double drainSeconds, long lost, String id) {
        List<String> reasons = new ArrayList<>();
        if (achieved < offered * criteria.minKeptUp()) {
            reasons.add(String.format(Locale.ROOT, "processed %.0f of %.0f events/s", achieved, offered));
        }
        if (!drainCompleted || drainSeconds > criteria.maxDrainSeconds()) {
            reasons.add(String.format(Locale.ROOT, "backlog took %.1f s to drain%s", drainSeconds, drainCompleted ? "" : " and never did"));
        }
        if (lost != 0) {
            reasons.add(lost + " events lost");
        }
        if (p99 > criteria.p99SloMs()) {
            reasons.add(String.format(Locale.ROOT, "p99 %.1f ms > SLO %.1f ms", p99, criteria.p99SloMs()));
        }
        return new Step(offered, achieved, p99, drainSeconds, lost, reasons.isEmpty(), String.join("; ", reasons), id);
    }

    /** The rate to try next, or empty when the search is over. */
    public OptionalDouble nextRate() {
        if (steps.size() >= criteria.maxSteps()) {
            return OptionalDouble.empty();
        }
        if (steps.isEmpty()) {
            return OptionalDouble.of(next);
        }
        OptionalDouble pass = best();
        OptionalDouble fail = steps.stream().filter(s -> !s.passed()).mapToDouble(Step::offeredEps).min();
        if (fail.isEmpty()) {
            return OptionalDouble.of(pass.getAsDouble() * 2);
        }
        double low = pass.orElse(0);
        double high = fail.getAsDouble();
        if (low == 0) {
            // even the first rate failed: halve until something passes
            return high / 2 < 1 ? OptionalDouble.empty() : OptionalDouble.of(Math.floor(high / 2));
        }
        if ((high - low) / low <= criteria.precision()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.floor((low + high) / 2));
    }

    public void record(Step step) {
        steps.add(step);
    }

    /** The highest rate that passed, if any did. */
    public OptionalDouble best() {
        return steps.stream().filter(Step::passed).mapToDouble(Step::offeredEps).max();
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public Criteria criteria() {
        return criteria;
    }

    /** The curve walked, sorted by rate, and the answer. */
    public String render() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"offered eps", "achieved eps", "p99 ms", "drain s", "lost", "sustainable", "why not", "run"});
        steps.stream().sorted((a, b) -> Double.compare(a.offeredEps(), b.offeredEps())).forEach(s -> rows.add(new String[] {
                String.format(Locale.ROOT, "%,.0f", s.offeredEps()), String.format(Locale.ROOT, "%,.0f", s.achievedEps()),
                String.format(Locale.ROOT, "%.1f", s.p99Ms()), String.format(Locale.ROOT, "%.1f", s.drainSeconds()),
                Long.toString(s.lost()), s.passed() ? "yes" : "no", s.reason(), s.runId()}));
        StringBuilder out = new StringBuilder(SummaryTable.table(rows, -1));
        OptionalDouble best = best();
        out.append(best.isPresent()
                ? String.format(Locale.ROOT, "%nMax sustainable throughput: %,.0f events/s (p99 SLO %.1f ms)%n", best.getAsDouble(), criteria.p99SloMs())
                : String.format(Locale.ROOT, "%nNo rate tried was sustainable (p99 SLO %.1f ms)%n", criteria.p99SloMs()));
        return out.toString();
    }
}
