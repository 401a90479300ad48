package lab.performance.observatory.core.report;

/**
 * The highest rate a subject of the ceiling's max search sustained (docs/measurement.md, "Ceiling"):
 * {@link #PIPELINE} or {@link #PASS_THROUGH}; {@code maxEps} null when no rate tried was sustainable.
 */
public record CeilingMaxRate(String subject, Double maxEps, int steps) {

    public static final String PIPELINE = "pipeline";
    public static final String PASS_THROUGH = "pass_through";

    public CeilingMaxRate {
        if (!PIPELINE.equals(subject) && !PASS_THROUGH.equals(subject)) {
            throw new IllegalArgumentException("a max search is of " + PIPELINE + " or " + PASS_THROUGH + ", not " + subject);
        }
    }
}
