package lab.performance.observatory.store;

import java.sql.SQLException;
import java.util.ArrayList;
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

    /**
     * The run's windows, one per event type and window: the rows of every input partition and
     * flush are added up while they are read, so memory grows with the run's length, not with its
     * partitions (a histogram is a few hundred KB once it spans milliseconds to seconds).
     */
    public List<WindowMetrics> windows(String runId) throws SQLException {
        List<WindowMetrics> out = new ArrayList<>();
        jdbc.forEach("""
                SELECT event_type, window_start, events, bytes, dead_lettered, measure_sum, payload_bytes, copied_bytes, fallbacks, latency_us_hist
                FROM window_metrics WHERE run_id = ? ORDER BY window_start, event_type, topic, kafka_partition, first_offset""",
                rs -> new WindowMetrics(Jdbc.dataType(rs.getString(1)), Jdbc.instant(rs, 2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getDouble(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), LatencyHistograms.decompress(rs.getBytes(10))),
                row -> {
                    int last = out.size() - 1;
                    if (last >= 0 && out.get(last).sameWindow(row)) {
                        out.set(last, out.get(last).plus(row));
                    } else {
                        out.add(row);
                    }
                }, runId);
        return out;
    }

    public Processed processed(String runId) throws SQLException {
        return jdbc.queryOne("SELECT coalesce(sum(events), 0), coalesce(sum(dead_lettered), 0) FROM window_metrics WHERE run_id = ?",
                rs -> new Processed(rs.getLong(1), rs.getLong(2)), runId).orElse(new Processed(0, 0));
    }

    /** Replayed records the sink recognised and skipped for the run (docs/reliability.md). */
    public long replaysSkipped(String runId) throws SQLException {
        return jdbc.queryOne("SELECT coalesce(sum(skipped), 0) FROM sink_replays WHERE run_id = ?", rs -> rs.getLong(1), runId).orElse(0L);
    }
}
