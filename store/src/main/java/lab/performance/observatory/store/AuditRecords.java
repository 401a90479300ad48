package lab.performance.observatory.store;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import lab.performance.observatory.core.audit.TopicCount;
import lab.performance.observatory.core.spec.DataType;

/** The auditor's counts of a run's topics (V9), stored once per run and type; a second audit replaces the first. */
public final class AuditRecords {

    private final Jdbc jdbc;

    AuditRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void saveTopicCounts(String runId, Collection<TopicCount> counts) throws SQLException {
        jdbc.batch("""
                INSERT INTO topic_counts (run_id, data_type, in_topics, dead_letter_records, dead_letter_origins) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (run_id, data_type) DO UPDATE SET in_topics = EXCLUDED.in_topics,
                    dead_letter_records = EXCLUDED.dead_letter_records, dead_letter_origins = EXCLUDED.dead_letter_origins""",
                counts, (s, c) -> {
                    s.setString(1, runId);
                    s.setString(2, c.type().wireName());
                    s.setLong(3, c.inTopics());
                    s.setLong(4, c.deadLetterRecords());
                    s.setLong(5, c.deadLetterOrigins());
                });
    }

    public List<TopicCount> topicCounts(String runId) throws SQLException {
        return jdbc.query("SELECT data_type, in_topics, dead_letter_records, dead_letter_origins FROM topic_counts WHERE run_id = ? ORDER BY data_type",
                rs -> new TopicCount(DataType.fromWireName(rs.getString(1)).orElseThrow(), rs.getLong(2), rs.getLong(3), rs.getLong(4)), runId);
    }
}
