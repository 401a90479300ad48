package lab.performance.observatory.store;

import lab.performance.observatory.core.report.RunReport;

/** A baseline as resolved: the name it was asked by (or the run id) and the report of its run. */
public record Baseline(String name, String runId, RunReport report) {

    /** How status lines and tables name it: {@code main (run R)}, or just the run id. */
    public String describe() {
        return name.equals(runId) ? runId : name + " (run " + runId + ")";
    }
}
