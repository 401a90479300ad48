package lab.performance.observatory.store;

import java.time.Instant;

/** A line of the run list. Throughput and p99 come from the stored report, when there is one. */
public record RunSummary(
        String runId,
        String benchmark,
        String status,
        Instant createdAt,
        Double durationSeconds,
        Long processed,
        Double sustainedEps,
        Double p99Ms,
        Boolean targetsMet) {
}
