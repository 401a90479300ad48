package lab.performance.observatory.store;

import java.time.Instant;
import java.util.Set;

/**
 * Which stored runs to list, newest first: by benchmark, status and creation time (any of them
 * null: no filter on it), one page of {@code size} from {@code page} (0-based). Checked here, so a
 * bad page is an error before any SQL.
 */
public record RunQuery(String benchmark, String status, Instant from, Instant to, int page, int size) {

    public static final int MAX_SIZE = 500;
    public static final Set<String> STATUSES = Set.of("running", "completed", "failed", "aborted", "superseded");

    public RunQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page: must be 0 or more, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size: must be between 1 and " + MAX_SIZE + ", not " + size);
        }
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status: unknown status '" + status + "' (one of " + String.join(", ", new java.util.TreeSet<>(STATUSES)) + ")");
        }
        if (from != null && to != null && from.isAfter(to)) {
            throw new IllegalArgumentException("from: " + from + " is after to " + to);
        }
    }

    long offset() {
        return (long) page * size;
    }
}
