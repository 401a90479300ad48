package lab.performance.observatory.core.report;

/**
 * The headers the observatory's records carry, named once for the generator that writes them, the
 * topology that reads and dead-letters, and the auditor that counts (docs/architecture.md, docs/reliability.md).
 */
public final class RecordHeaders {

    /** The run an event belongs to. */
    public static final String RUN = "obs-run";
    /** When the schedule wanted the event sent: epoch nanoseconds as decimal digits. */
    public static final String INTENDED = "obs-intended-ns";
    /** On a dead letter: why, "reason-code: detail". */
    public static final String DEAD_LETTER_REASON = "obs-dlq-reason";
    /** On a dead letter: the input record it was, "topic/partition/offset". */
    public static final String DEAD_LETTER_ORIGIN = "obs-dlq-origin";

    private RecordHeaders() {
    }
}
