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

    /** The {@link #INTENDED} header's value as epoch nanoseconds; -1 when absent or not 1-19 decimal digits. */
    public static long intendedNanos(byte[] digits) {
        if (digits == null || digits.length == 0 || digits.length > 19) {
            return -1;
        }
        long value = 0;
        for (byte b : digits) {
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value < 0 ? -1 : value;
    }
}
