package lab.performance.observatory.core.schedule;

/**
 * An event rate over time since the start of a run, with its integral: {@code eventsBy(t)} is the
 * expected number of events in [0, t) and {@code timeOfEvent(n)} its inverse, the instant at which
 * the n-th event (counting from 0) is due. Times are in seconds.
 */
public interface RateProfile {

    /** Events per second at time {@code t}. */
    double rateAt(double t);

    /** Λ(t): events due in [0, t). Continuous and non-decreasing. */
    double eventsBy(double t);

    /** Smallest t with Λ(t) ≥ n, for n ≥ 0. */
    double timeOfEvent(double n);
}
