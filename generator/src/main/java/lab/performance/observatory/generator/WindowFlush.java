package lab.performance.observatory.generator;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import lab.performance.observatory.core.report.GeneratorWindow;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.store.GeneratorRecords;

/**
 * Stores the generator's latency windows as the run goes: every {@link #EVERY}, the windows that ended
 * more than {@link #GRACE} ago (an acknowledgement arriving later still counts: it is added to the
 * stored window), at most {@link #BATCH} per statement. Kept until the end, a ten-minute soak at
 * 43,000 events/s ran the generator's 256 MiB heap out when it stored them all at once
 * (docs/reliability.md, "Soak"); now what it holds is a few seconds of windows, however long it runs.
 * While PostgreSQL is away (the postgres-restart fault) the windows wait and are stored with the next
 * ones; only the last store, after generation, fails the generator.
 */
final class WindowFlush {

    static final Duration EVERY = Duration.ofSeconds(5);
    static final Duration GRACE = Duration.ofSeconds(10);
    static final int BATCH = 200;

    /** Where windows go: {@link GeneratorRecords#saveWindows}, which adds a window to the one stored before. */
    @FunctionalInterface
    interface WindowStore {
        void save(String runId, int instance, List<GeneratorWindow> windows) throws SQLException;
    }

    private final WindowStore records;
    private final String runId;
    private final int instance;
    private final NanoClock clock;
    private long next;
    /** Windows drained but not stored yet, by source and start (PostgreSQL was away). */
    private final java.util.Map<String, GeneratorWindow> pending = new java.util.LinkedHashMap<>();
    private String lastFailure;

    WindowFlush(GeneratorRecords records, String runId, int instance, NanoClock clock) {
        this(records::saveWindows, runId, instance, clock);
    }

    WindowFlush(WindowStore records, String runId, int instance, NanoClock clock) {
        this.records = records;
        this.runId = runId;
        this.instance = instance;
        this.clock = clock;
        this.next = clock.nanoTime() + EVERY.toNanos();
    }

    /** On each progress tick: stores what is due, if it is time. */
    void maybe(List<SourceCounters> sources) {
        long now = clock.nanoTime();
        if (now < next) {
            return;
        }
        next = now + EVERY.toNanos();
        long cutoff = clock.epochNanos() - GRACE.toNanos();
        for (SourceCounters c : sources) {
            add(c.drainWindows(cutoff));
        }
        try {
            store();
            lastFailure = null;
        } catch (SQLException e) {
            if (lastFailure == null) {
                System.err.println("cannot store latency windows yet (" + e.getMessage() + "): keeping " + pending.size() + " to store later");
            }
            lastFailure = String.valueOf(e.getMessage());
        }
    }

    /** Once the senders stopped and the producer flushed: every window left. */
    void rest(List<SourceCounters> sources) throws SQLException {
        for (SourceCounters c : sources) {
            add(c.drainAll());
        }
        store();
    }

    /** Windows for one source and start are added up before they are stored: one statement per window and batch. */
    private void add(List<GeneratorWindow> windows) {
        for (GeneratorWindow w : windows) {
            pending.merge(w.source() + "@" + w.windowStart(), w, GeneratorWindow::plus);
        }
    }

    private void store() throws SQLException {
        while (!pending.isEmpty()) {
            List<String> keys = pending.keySet().stream().limit(BATCH).toList();
            records.save(runId, instance, keys.stream().map(pending::get).toList());
            keys.forEach(pending::remove);
        }
    }

    /** Windows waiting for PostgreSQL. */
    int pending() {
        return pending.size();
    }
}
