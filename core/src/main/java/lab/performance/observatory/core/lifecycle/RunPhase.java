package lab.performance.observatory.core.lifecycle;

/**
 * Where a run is (docs/architecture.md, "The run lifecycle"): its topics and topology are being
 * made ready, its generators are sending, the topology is draining what is left, or it is over.
 */
public enum RunPhase {
    PROVISIONING, RUNNING, ANALYZING, COMPLETED, FAILED;

    public boolean over() {
        return this == COMPLETED || this == FAILED;
    }
}
