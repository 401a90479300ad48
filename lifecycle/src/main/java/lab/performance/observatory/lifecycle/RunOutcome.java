package lab.performance.observatory.lifecycle;

import java.util.Optional;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.verdict.Comparison;
import lab.performance.observatory.core.verdict.Verdict;
import lab.performance.observatory.store.Baseline;

/** A closed run: its report and, when it had a baseline to compare with, the baseline and the comparison. */
public record RunOutcome(RunReport report, Optional<Baseline> baseline, Optional<Comparison> comparison) {

    /** Missed targets, lost events, or a regression against the baseline. */
    public boolean failed() {
        return !report.targets().met() || comparison.map(c -> c.verdict() == Verdict.REGRESSION).orElse(false);
    }
}
