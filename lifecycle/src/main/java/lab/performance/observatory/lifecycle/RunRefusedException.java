package lab.performance.observatory.lifecycle;

/** A run that cannot go ahead because something it needs is someone else's (a topic, a Job of that name). */
public final class RunRefusedException extends Exception {

    private final String reason;

    public RunRefusedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A machine-readable reason, e.g. {@code TopicConflict}, for a status condition. */
    public String reason() {
        return reason;
    }
}
