package lab.performance.observatory.core.lifecycle;

/**
 * The one definition of "drained": every event the broker acknowledged to the generators has been
 * processed or dead-lettered by the topology, as PostgreSQL holds them. What is left is
 * {@link #behind()}; more processed than acknowledged (a record counted twice would be a sink bug,
 * and shows as negative loss in the report) is never "behind".
 */
public record DrainProgress(long acknowledged, long processed, long deadLettered) {

    public long behind() {
        return Math.max(0, acknowledged - processed - deadLettered);
    }

    public boolean drained() {
        return behind() == 0;
    }
}
