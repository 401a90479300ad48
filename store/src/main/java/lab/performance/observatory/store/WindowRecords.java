package lab.performance.observatory.store;

import java.sql.SQLException;
import java.util.List;
import lab.performance.observatory.core.report.WindowMetrics;
import lab.performance.observatory.core.stats.LatencyHistograms;

/** What the topology's sink wrote for a run ({@code window_metrics}), read back. */
public final class WindowRecords {

    /** Events processed and dead-lettered so far. */
    public record Processed(long events, long deadLettered) {
    }

    private final Jdbc jdbc;

    WindowRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<WindowMetrics> windows(String runId) throws SQLException {
        return jdbc.query("""
                SELECT event_type, window_start, events, bytes, dead_lettered, measure_sum, payload_bytes, copied_bytes, fallbacks, latency_us_hist
                FROM window_metrics WHERE run_id = ? ORDER BY window_start, event_type, topic, kafka_partition, first_offset""",
                rs -> new WindowMetrics(Jdbc.dataType(rs.getString(1)), Jdbc.instant(rs, 2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getDouble(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), LatencyHistograms.decompress(rs.getBytes(10))), runId);
    }

    public Processed processed(String runId) throws SQLException {
        return jdbc.queryOne("SELECT coalesce(sum(events), 0), coalesce(sum(dead_lettered), 0) FROM window_metrics WHERE run_id = ?",
                rs -> new Processed(rs.getLong(1), rs.getLong(2)), runId).orElse(new Processed(0, 0));
    }
}
