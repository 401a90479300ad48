package lab.performance.observatory.store;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.report.GeneratorWindow;
import lab.performance.observatory.core.report.SourceTotals;
import lab.performance.observatory.core.stats.LatencyHistograms;

/**
 * What generators record: each instance's totals per data source ({@code run_sources}) and its
 * latency windows ({@code generator_windows}). Readers add the instances up.
 */
public final class GeneratorRecords {

    /** A data source's totals together with the topic it was sent to. */
    public record SourceRecord(SourceTotals totals, String topic) {
    }

    private final Jdbc jdbc;

    GeneratorRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** One generator instance's totals; saving them again replaces them. */
    public void saveTotals(String runId, int generatorInstance, Collection<SourceRecord> sources) throws SQLException {
        jdbc.batch("""
                INSERT INTO run_sources (run_id, source, data_type, topic, sent, acked, failed, acked_bytes, generator_instance, corrupt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id, source, generator_instance) DO UPDATE SET data_type = EXCLUDED.data_type, topic = EXCLUDED.topic,
                    sent = EXCLUDED.sent, acked = EXCLUDED.acked, failed = EXCLUDED.failed, acked_bytes = EXCLUDED.acked_bytes,
                    corrupt = EXCLUDED.corrupt""",
                sources, (s, r) -> {
                    SourceTotals t = r.totals();
                    s.setString(1, runId);
                    s.setString(2, t.source());
                    s.setString(3, t.dataType().wireName());
                    s.setString(4, r.topic());
                    s.setLong(5, t.sent());
                    s.setLong(6, t.acked());
                    s.setLong(7, t.failed());
                    s.setLong(8, t.ackedBytes());
                    s.setInt(9, generatorInstance);
                    s.setLong(10, t.corrupt());
                });
    }

    /** Totals per data source, summed over the instances. */
    public List<SourceTotals> totals(String runId) throws SQLException {
        return jdbc.query("""
                SELECT source, min(data_type), sum(sent), sum(acked), sum(failed), sum(acked_bytes), sum(corrupt)
                FROM run_sources WHERE run_id = ? GROUP BY source ORDER BY source""",
                rs -> new SourceTotals(rs.getString(1), Jdbc.dataType(rs.getString(2)), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7)), runId);
    }

    /** Events the broker acknowledged to every instance of the run so far. */
    public long acknowledged(String runId) throws SQLException {
        return jdbc.queryOne("SELECT coalesce(sum(acked), 0) FROM run_sources WHERE run_id = ?", rs -> rs.getLong(1), runId).orElse(0L);
    }

    /**
     * Adds one instance's latency windows to what it stored before: a window stored already (a late
     * acknowledgement's part, stored after the window itself) gets the sum of both, as histograms add
     * exactly; the report merges the instances window by window. One instance stores from one thread.
     */
    public void saveWindows(String runId, int generatorInstance, Collection<GeneratorWindow> windows) throws SQLException {
        if (windows.isEmpty()) {
            return;
        }
        Instant from = windows.stream().map(GeneratorWindow::windowStart).min(Instant::compareTo).orElseThrow();
        Instant to = windows.stream().map(GeneratorWindow::windowStart).max(Instant::compareTo).orElseThrow();
        Map<String, GeneratorWindow> stored = new HashMap<>();
        for (GeneratorWindow w : jdbc.query("""
                SELECT source, data_type, window_start, slip_us_hist, publish_us_hist, commit_to_kafka_us_hist
                FROM generator_windows WHERE run_id = ? AND generator_instance = ? AND window_start BETWEEN ? AND ?""",
                GeneratorRecords::window, runId, generatorInstance, from, to)) {
            stored.put(w.source() + "@" + w.windowStart(), w);
        }
        List<GeneratorWindow> merged = new ArrayList<>(windows.size());
        for (GeneratorWindow w : windows) {
            GeneratorWindow before = stored.get(w.source() + "@" + w.windowStart());
            merged.add(before == null ? w : before.plus(w));
        }
        jdbc.batch("""
                INSERT INTO generator_windows (run_id, source, data_type, window_start, slip_us_hist, publish_us_hist, generator_instance,
                                               commit_to_kafka_us_hist)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id, source, window_start, generator_instance) DO UPDATE
                    SET slip_us_hist = EXCLUDED.slip_us_hist, publish_us_hist = EXCLUDED.publish_us_hist,
                        commit_to_kafka_us_hist = EXCLUDED.commit_to_kafka_us_hist""",
                merged, (s, w) -> {
                    s.setString(1, runId);
                    s.setString(2, w.source());
                    s.setString(3, w.dataType().wireName());
                    s.setTimestamp(4, Timestamp.from(w.windowStart()));
                    s.setBytes(5, LatencyHistograms.compress(w.slipMicros()));
                    s.setBytes(6, LatencyHistograms.compress(w.publishMicros()));
                    s.setInt(7, generatorInstance);
                    s.setBytes(8, w.commitToKafkaMicros().getTotalCount() == 0 ? null : LatencyHistograms.compress(w.commitToKafkaMicros()));
                });
    }

    private static GeneratorWindow window(java.sql.ResultSet rs) throws SQLException {
        return new GeneratorWindow(rs.getString(1), Jdbc.dataType(rs.getString(2)), Jdbc.instant(rs, 3),
                LatencyHistograms.decompress(rs.getBytes(4)), LatencyHistograms.decompress(rs.getBytes(5)),
                rs.getBytes(6) == null ? LatencyHistograms.newHistogram() : LatencyHistograms.decompress(rs.getBytes(6)));
    }

    public List<GeneratorWindow> windows(String runId) throws SQLException {
        return jdbc.query("""
                SELECT source, data_type, window_start, slip_us_hist, publish_us_hist, commit_to_kafka_us_hist
                FROM generator_windows WHERE run_id = ? ORDER BY window_start, source, generator_instance""",
                GeneratorRecords::window, runId);
    }
}
