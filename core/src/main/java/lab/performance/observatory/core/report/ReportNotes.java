package lab.performance.observatory.core.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The report's {@code notes}: facts of the run a reader must know to read its figures right. */
public final class ReportNotes {

    private ReportNotes() {
    }

    /** Fewer samples than this in an interval rank nothing: the top share's 95 % interval spans several places. */
    static final long MIN_RANKING_SAMPLES = 200;

    /**
     * What a reader must know to read the figures: replay sources whose recording ended before the run
     * did, a measured interval that starts before steady state (or a run that never reached it), and
     * hot methods resting on too few samples to rank.
     */
    public static List<String> of(RunFacts facts, RunReport.SteadyState steady, List<RunReport.HotMethod> hot) {
        List<String> notes = new ArrayList<>();
        double runSeconds = ReportBuilder.seconds(Duration.between(facts.generationStartedAt(), facts.generationEndedAt()));
        for (var source : facts.spec().offeredSources()) {
            if (source.pattern() instanceof lab.performance.observatory.core.spec.PatternSpec.Replay r && !r.loop()
                    && r.passSeconds() < runSeconds) {
                notes.add(String.format(java.util.Locale.ROOT,
                        "source %s: its profile ran out after %.1f s of the %.1f s run (%.1f s recorded, speed %s, loop: false): "
                                + "it sent nothing after that; rates over the whole run count that silence",
                        source.name(), r.passSeconds(), runSeconds, r.recorded().seconds(), fmtSpeed(r.speed())));
            }
        }
        if (steady != null && steady.warning() != null) {
            notes.add(steady.warning());
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (RunReport.HotMethod h : hot) { // each component's and kind's first is its top one
            if (h.intervalSamples() != null && h.intervalSamples() < MIN_RANKING_SAMPLES && seen.add(h.component() + " " + h.kind())) {
                notes.add(String.format(java.util.Locale.ROOT, "hot methods of %s (%s) rest on %d samples, too few to rank: the top one's self "
                                + "share is %.1f %% (95 %% interval %.1f-%.1f %%)", h.component(), h.kind(), h.intervalSamples(), h.selfPercent(),
                        h.selfLowPercent(), h.selfHighPercent()));
            }
        }
        return notes;
    }

    private static String fmtSpeed(double speed) {
        return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
    }
}
