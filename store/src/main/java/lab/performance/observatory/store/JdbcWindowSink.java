package lab.performance.observatory.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The {@link WindowSink} of every deployment: rows and progress commit in one PostgreSQL
 * transaction ({@code window_metrics}, {@code sink_progress}), and progress only moves if nobody
 * else moved it (an {@code UPDATE ... WHERE next_offset = expected} that must hit one row).
 */
public final class JdbcWindowSink implements WindowSink {

    private static final String INSERT_ROW = """
            INSERT INTO window_metrics (window_start, run_id, event_type, application_id, topic, kafka_partition,
                first_offset, last_offset, events, bytes, dead_lettered, measure_sum, payload_bytes, copied_bytes, fallbacks,
                latency_us_max, latency_us_hist)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private final DataSource dataSource;
    private final String applicationId;

    public JdbcWindowSink(DataSource dataSource, String applicationId) {
        this.dataSource = dataSource;
        this.applicationId = applicationId;
    }

    @Override
    public Map<TopicPartitionRef, Long> progress(Collection<TopicPartitionRef> partitions) throws SQLException {
        Map<TopicPartitionRef, Long> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT next_offset FROM sink_progress WHERE application_id = ? AND topic = ? AND kafka_partition = ?")) {
            for (TopicPartitionRef p : partitions) {
                s.setString(1, applicationId);
                s.setString(2, p.topic());
                s.setInt(3, p.partition());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        out.put(p, rs.getLong(1));
                    }
                }
            }
        }
        return out;
    }

    @Override
    public void write(Collection<WindowDelta> rows, Collection<Advance> advances, Collection<Replayed> replayed)
            throws SQLException, SinkFencedException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Advance a : advances) {
                    if (!advance(c, a)) {
                        c.rollback();
                        throw new SinkFencedException("progress of " + a.input().topic() + "-" + a.input().partition()
                                + " for " + applicationId + " is no longer " + a.expectedNextOffset()
                                + ": another writer owns this partition");
                    }
                }
                try (PreparedStatement insert = c.prepareStatement(INSERT_ROW)) {
                    for (WindowDelta row : rows) {
                        insert.setTimestamp(1, Timestamp.from(row.windowStart()));
                        insert.setString(2, row.runId());
                        insert.setString(3, row.dataType().wireName());
                        insert.setString(4, applicationId);
                        insert.setString(5, row.input().topic());
                        insert.setInt(6, row.input().partition());
                        insert.setLong(7, row.firstOffset());
                        insert.setLong(8, row.lastOffset());
                        insert.setLong(9, row.events());
                        insert.setLong(10, row.bytes());
                        insert.setLong(11, row.deadLettered());
                        insert.setDouble(12, row.measureSum());
                        insert.setLong(13, row.payloadBytes());
                        insert.setLong(14, row.copiedBytes());
                        insert.setLong(15, row.fallbacks());
                        insert.setLong(16, row.latencyMaxMicros());
                        insert.setBytes(17, row.latencyHistogram());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                if (!replayed.isEmpty()) {
                    countReplays(c, replayed);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private void countReplays(Connection c, Collection<Replayed> replayed) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO sink_replays (run_id, application_id, topic, kafka_partition, skipped) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (run_id, application_id, topic, kafka_partition) "
                + "DO UPDATE SET skipped = sink_replays.skipped + EXCLUDED.skipped")) {
            for (Replayed r : replayed) {
                s.setString(1, r.runId());
                s.setString(2, applicationId);
                s.setString(3, r.input().topic());
                s.setInt(4, r.input().partition());
                s.setLong(5, r.skipped());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private boolean advance(Connection c, Advance a) throws SQLException {
        String sql = a.expectedNextOffset() == NO_PROGRESS
                ? "INSERT INTO sink_progress (next_offset, application_id, topic, kafka_partition) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING"
                : "UPDATE sink_progress SET next_offset = ?, updated_at = now() "
                        + "WHERE application_id = ? AND topic = ? AND kafka_partition = ? AND next_offset = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, a.newNextOffset());
            s.setString(2, applicationId);
            s.setString(3, a.input().topic());
            s.setInt(4, a.input().partition());
            if (a.expectedNextOffset() != NO_PROGRESS) {
                s.setLong(5, a.expectedNextOffset());
            }
            return s.executeUpdate() == 1;
        }
    }
}
