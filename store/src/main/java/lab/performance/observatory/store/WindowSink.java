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

    /** Next offset to process per input partition; absent partitions have no progress yet. */
    Map<TopicPartitionRef, Long> progress(Collection<TopicPartitionRef> partitions) throws SQLException;

    /**
     * Writes the rows and advances progress atomically.
     *
     * @throws SinkFencedException if any partition's stored progress is not what the writer expected
     */
    void write(Collection<WindowDelta> rows, Collection<Advance> advances) throws SQLException, SinkFencedException;
}
