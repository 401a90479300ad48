package lab.performance.observatory.core.plan;

/** One planned number and the one-line reason for it. */
public record Planned(long value, String reason) {
}
