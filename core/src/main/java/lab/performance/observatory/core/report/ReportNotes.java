package lab.performance.observatory.core.report;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The report's {@code notes}: facts of the run a reader must know to read its figures right. */
public final class ReportNotes {

    private ReportNotes() {
    }

    /**
     * What a reader must know to read the figures: replay sources whose recording ended before the run
     * did, and a measured interval that starts before steady state (or a run that never reached it).
     */
    public static List<String> of(RunFacts facts, RunReport.SteadyState steady) {
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
        return notes;
    }

    private static String fmtSpeed(double speed) {
        return speed == Math.rint(speed) ? Long.toString((long) speed) : Double.toString(speed);
    }
}
