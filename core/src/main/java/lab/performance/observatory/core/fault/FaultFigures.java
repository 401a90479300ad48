package lab.performance.observatory.core.fault;

import java.util.List;

/**
 * What one injected fault did to a run (docs/reliability.md, "Fault suite").
 *
 * @param fault              the fault's wire name
 * @param atSeconds          from the start of generation to the injection, as it happened
 * @param downSeconds        from the injection to the heal, as it happened (a restart included)
 * @param lost               records acknowledged to the generator but not in the input topics, plus records in the input
 *                           topics neither processed nor dead-lettered (from Kafka's own count; the run's own count when not audited)
 * @param duplicates         events counted more than once (null: not audited)
 * @param deadLetterRepeats  dead letters forwarded again for an origin already dead-lettered (recognised, not counted)
 * @param replaysSkipped     replayed records the sink recognised and skipped
 * @param sendFailed         sends the generator gave up on (not acknowledged, so never claimed: not lost)
 * @param recoverySeconds    from the heal to the first of {@link FaultAnalysis#STEADY_WINDOWS} windows in a row at the offered rate
 *                           with lag under a second; null when the run ended first
 * @param p99BeforeMs        the median window p99 end-to-end latency before the injection; null without such windows
 * @param p99PeakMs          the worst window p99 from the injection to the recovery (or to the end of the run's timeline)
 * @param audit              the audit's verdict
 * @param failures           why the fault run fails; empty when nothing was lost or counted twice, the audit agrees and it recovered
 */
@com.fasterxml.jackson.annotation.JsonIgnoreProperties(value = "passed", allowGetters = true)
public record FaultFigures(String fault, double atSeconds, double downSeconds, long lost, Long duplicates, long deadLetterRepeats,
                           long replaysSkipped, long sendFailed, Double recoverySeconds, Double p99BeforeMs, Double p99PeakMs,
                           String audit, List<String> failures) {

    public FaultFigures {
        failures = List.copyOf(failures);
    }

    public boolean passed() {
        return failures.isEmpty();
    }
}
