package lab.performance.observatory.store;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;

/**
 * Where the topology's windows go, exactly once. Each write carries, per input partition, the
 * offset the writer last saw stored and the offset it now ends after; rows and progress land
 * together or not at all, and progress only moves from what the writer expected, so a second writer
 * of the same partitions is fenced. A replay after a crash reads the progress back and skips what is
 * already written. {@link JdbcWindowSink} is the implementation every deployment uses.
 */
public interface WindowSink {

    /** Progress of an input partition that has never been written. */
    long NO_PROGRESS = -1;

    /** One input partition's move: from the progress the writer last saw to the new next offset. */
    record Advance(TopicPartitionRef input, long expectedNextOffset, long newNextOffset) {
    }

    /** Replayed records of a run on an input partition that were below its progress and skipped since the last write. */
    record Replayed(String runId, TopicPartitionRef input, long skipped) {
    }

    /** Next offset to process per input partition; absent partitions have no progress yet. */
    Map<TopicPartitionRef, Long> progress(Collection<TopicPartitionRef> partitions) throws SQLException;

    /**
     * Writes the rows, advances progress and adds the replayed records skipped, atomically.
     *
     * @throws SinkFencedException if any partition's stored progress is not what the writer expected
     */
    void write(Collection<WindowDelta> rows, Collection<Advance> advances, Collection<Replayed> replayed)
            throws SQLException, SinkFencedException;

    /** A write with no replayed records to count. */
    default void write(Collection<WindowDelta> rows, Collection<Advance> advances) throws SQLException, SinkFencedException {
        write(rows, advances, java.util.List.of());
    }
}
