package lab.performance.observatory.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link WindowSink} in memory, for topology tests on {@code TopologyTestDriver} that need no
 * database. It keeps the same contract as {@link JdbcWindowSink} (all or nothing, fencing on stale
 * progress): {@code WindowSinkContract} runs the same cases against both.
 */
public final class MemoryWindowSink implements WindowSink {

    private final Map<TopicPartitionRef, Long> progress = new HashMap<>();
    private final List<WindowDelta> rows = new ArrayList<>();
    private final Map<String, Long> skipped = new HashMap<>();

    @Override
    public synchronized Map<TopicPartitionRef, Long> progress(Collection<TopicPartitionRef> partitions) {
        Map<TopicPartitionRef, Long> out = new HashMap<>();
        for (TopicPartitionRef p : partitions) {
            Long next = progress.get(p);
            if (next != null) {
                out.put(p, next);
            }
        }
        return out;
    }

    @Override
    public synchronized void write(Collection<WindowDelta> newRows, Collection<Advance> advances, Collection<Replayed> replayed)
            throws SinkFencedException {
        for (Advance a : advances) {
            long stored = progress.getOrDefault(a.input(), NO_PROGRESS);
            if (stored != a.expectedNextOffset()) {
                throw new SinkFencedException("progress of " + a.input().topic() + "-" + a.input().partition() + " is no longer "
                        + a.expectedNextOffset() + ": another writer owns this partition");
            }
        }
        advances.forEach(a -> progress.put(a.input(), a.newNextOffset()));
        rows.addAll(newRows);
        replayed.forEach(r -> skipped.merge(r.runId(), r.skipped(), Long::sum));
    }

    /** Replayed records of a run skipped so far. */
    public synchronized long replaysSkipped(String runId) {
        return skipped.getOrDefault(runId, 0L);
    }

    /** Every row written, in write order. */
    public synchronized List<WindowDelta> rows() {
        return List.copyOf(rows);
    }
}
