package lab.performance.observatory.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import lab.performance.observatory.core.report.BrokerSample;
import lab.performance.observatory.core.report.ComponentProfile;
import lab.performance.observatory.core.report.GeneratorWindow;
import lab.performance.observatory.core.report.Measurements;
import lab.performance.observatory.core.report.ReportBuilder;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.ResourceSample;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.report.SourceTotals;
import lab.performance.observatory.core.report.WindowMetrics;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.InvalidSpecException;
import lab.performance.observatory.core.spec.SpecParser;
import lab.performance.observatory.core.spec.SpecWriter;
import lab.performance.observatory.core.stats.LatencyHistograms;

/**
 * Runs and everything measured about them. Everything a report needs is stored here, so a report
 * can always be rebuilt from PostgreSQL alone.
 */
public final class RunStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    private final DataSource dataSource;

    public RunStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A data source's totals together with the topic it was sent to. */
    public record SourceRecord(SourceTotals totals, String topic) {
    }

    public void createRun(String runId, BenchmarkSpec spec, Map<String, String> environment) throws SQLException {
        update("INSERT INTO runs (run_id, benchmark, status, spec, environment) VALUES (?, ?, 'running', ?::jsonb, ?::jsonb)",
                runId, spec.name(), SpecWriter.toDocument(spec).toString(), json(environment));
    }

    /** Generation starts with its first instance: the earliest start recorded wins. */
    public void recordGenerationStart(String runId, Instant at) throws SQLException {
        update("UPDATE runs SET generation_started_at = least(coalesce(generation_started_at, ?), ?) WHERE run_id = ?",
                Timestamp.from(at), Timestamp.from(at), runId);
    }

    /** Generation ends with its last instance: the latest end recorded wins. */
    public void recordGenerationEnd(String runId, Instant at) throws SQLException {
        update("UPDATE runs SET generation_ended_at = greatest(coalesce(generation_ended_at, ?), ?) WHERE run_id = ?",
                Timestamp.from(at), Timestamp.from(at), runId);
    }

    public void finish(String runId, String status, Instant endedAt, RunFacts.Drain drain) throws SQLException {
        update("UPDATE runs SET status = ?, ended_at = ?, drain_completed = ?, drain_seconds = ?, undrained_records = ? WHERE run_id = ?",
                status, Timestamp.from(endedAt), drain.completed(), drain.seconds(), drain.undrainedRecords(), runId);
    }

    /** Marks a run that ended without measurements (aborted, infrastructure failure). */
    public void abandon(String runId, String status, Instant endedAt) throws SQLException {
        update("UPDATE runs SET status = ?, ended_at = ? WHERE run_id = ? AND status = 'running'", status, Timestamp.from(endedAt), runId);
    }

    /** Marks every run still marked running as ended; returns how many there were. */
    public int abandonAllRunning(String status, Instant endedAt) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE runs SET status = ?, ended_at = ? WHERE status = 'running'")) {
            s.setString(1, status);
            s.setTimestamp(2, Timestamp.from(endedAt));
            return s.executeUpdate();
        }
    }

    public void saveReport(String runId, String reportJson, String reportPath) throws SQLException {
        update("UPDATE runs SET report = ?::jsonb, report_path = ? WHERE run_id = ?", reportJson, reportPath, runId);
    }

    public void saveSourceTotals(String runId, Collection<SourceRecord> sources) throws SQLException {
        saveSourceTotals(runId, 0, sources);
    }

    /** One generator instance's totals; saving them again replaces them, and readers sum the instances. */
    public void saveSourceTotals(String runId, int generatorInstance, Collection<SourceRecord> sources) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO run_sources (run_id, source, data_type, topic, sent, acked, failed, acked_bytes, generator_instance)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                     ON CONFLICT (run_id, source, generator_instance) DO UPDATE SET data_type = EXCLUDED.data_type, topic = EXCLUDED.topic,
                         sent = EXCLUDED.sent, acked = EXCLUDED.acked, failed = EXCLUDED.failed, acked_bytes = EXCLUDED.acked_bytes""")) {
            for (SourceRecord r : sources) {
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
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public void saveResourceSamples(String runId, Collection<ResourceSample> samples) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO resource_samples (run_id, component, sampled_at, cpu_seconds, rss_bytes, peak_rss_bytes, threads)
                     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            for (ResourceSample r : samples) {
                s.setString(1, runId);
                s.setString(2, r.component());
                s.setTimestamp(3, Timestamp.from(r.at()));
                s.setDouble(4, r.cpuSeconds());
                s.setLong(5, r.rssBytes());
                s.setLong(6, r.peakRssBytes());
                s.setInt(7, r.threads());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The stored facts of a run that has finished generating; empty if unknown or never measured. */
    public Optional<RunFacts> facts(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT spec::text, status, environment::text, generation_started_at, generation_ended_at, ended_at,
                            drain_completed, drain_seconds, undrained_records, artifacts::text
                     FROM runs WHERE run_id = ?""")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next() || rs.getTimestamp(4) == null || rs.getTimestamp(5) == null || rs.getTimestamp(6) == null) {
                    return Optional.empty();
                }
                BenchmarkSpec spec = spec(rs.getString(1), runId);
                Map<String, String> environment = JSON.readValue(rs.getString(3), STRING_MAP);
                RunFacts.Drain drain = new RunFacts.Drain(rs.getBoolean(7), rs.getDouble(8), rs.getLong(9));
                return Optional.of(new RunFacts(runId, spec, rs.getString(2), rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(), drain, environment,
                        JSON.readValue(rs.getString(10), STRING_MAP)));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The spec a run was created with. */
    public Optional<BenchmarkSpec> spec(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT spec::text FROM runs WHERE run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(spec(rs.getString(1), runId)) : Optional.empty();
            }
        }
    }

    /** Whether a run with this id exists at all, and its status. */
    public Optional<String> status(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT status FROM runs WHERE run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static BenchmarkSpec spec(String document, String runId) {
        try {
            return SpecParser.parse(JSON.readTree(document));
        } catch (InvalidSpecException | JsonProcessingException e) {
            throw new IllegalStateException("stored spec of run " + runId + " no longer validates: " + e.getMessage(), e);
        }
    }

    public List<SourceTotals> sourceTotals(String runId) throws SQLException {
        List<SourceTotals> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     """
                     SELECT source, min(data_type), sum(sent), sum(acked), sum(failed), sum(acked_bytes)
                     FROM run_sources WHERE run_id = ? GROUP BY source ORDER BY source""")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new SourceTotals(rs.getString(1), dataType(rs.getString(2)), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6)));
                }
            }
        }
        return out;
    }

    public List<WindowMetrics> windowMetrics(String runId) throws SQLException {
        List<WindowMetrics> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT event_type, window_start, events, bytes, dead_lettered, measure_sum, payload_bytes, copied_bytes, fallbacks, latency_us_hist
                     FROM window_metrics WHERE run_id = ? ORDER BY window_start, event_type, topic, kafka_partition, first_offset""")) {
            s.setString(1, runId);
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new WindowMetrics(dataType(rs.getString(1)), rs.getTimestamp(2).toInstant(), rs.getLong(3),
                            rs.getLong(4), rs.getLong(5), rs.getDouble(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                            LatencyHistograms.decompress(rs.getBytes(10))));
                }
            }
        }
        return out;
    }

    public List<ResourceSample> resourceSamples(String runId) throws SQLException {
        List<ResourceSample> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT component, sampled_at, cpu_seconds, rss_bytes, peak_rss_bytes, threads
                     FROM resource_samples WHERE run_id = ? ORDER BY component, sampled_at""")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new ResourceSample(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getDouble(3),
                            rs.getLong(4), rs.getLong(5), rs.getInt(6)));
                }
            }
        }
        return out;
    }

    /** Events processed and dead-lettered so far for a run, straight from the window rows. */
    public long[] processedSoFar(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT coalesce(sum(events), 0), coalesce(sum(dead_lettered), 0) FROM window_metrics WHERE run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /** The report rebuilt from stored facts alone; empty if the run is unknown or was never measured. */
    public Optional<RunReport> rebuildReport(String runId) throws SQLException {
        Optional<RunFacts> facts = facts(runId);
        if (facts.isEmpty()) {
            return Optional.empty();
        }
        Measurements measured = new Measurements(sourceTotals(runId), windowMetrics(runId), generatorWindows(runId),
                resourceSamples(runId), profiles(runId), brokerSamples(runId));
        return Optional.of(ReportBuilder.build(facts.get(), measured));
    }

    /** The report as written when the run ended, if it has the current shape; else rebuilt from the facts. */
    public Optional<RunReport> report(String runId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT report::text, (report ->> 'report_version')::int FROM runs WHERE run_id = ?")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getString(1) != null && rs.getInt(2) == RunReport.VERSION) {
                    return Optional.of(ReportJson.read(rs.getString(1)));
                }
            }
        }
        return rebuildReport(runId);
    }

    public void saveGeneratorWindows(String runId, Collection<GeneratorWindow> windows) throws SQLException {
        saveGeneratorWindows(runId, 0, windows);
    }

    /**
     * One generator instance's latency windows; readers get every instance's rows, which the report
     * merges window by window (histograms add exactly).
     */
    public void saveGeneratorWindows(String runId, int generatorInstance, Collection<GeneratorWindow> windows) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO generator_windows (run_id, source, data_type, window_start, slip_us_hist, publish_us_hist, generator_instance)
                     VALUES (?, ?, ?, ?, ?, ?, ?)
                     ON CONFLICT (run_id, source, window_start, generator_instance) DO UPDATE
                         SET slip_us_hist = EXCLUDED.slip_us_hist, publish_us_hist = EXCLUDED.publish_us_hist""")) {
            for (GeneratorWindow w : windows) {
                s.setString(1, runId);
                s.setString(2, w.source());
                s.setString(3, w.dataType().wireName());
                s.setTimestamp(4, Timestamp.from(w.windowStart()));
                s.setBytes(5, LatencyHistograms.compress(w.slipMicros()));
                s.setBytes(6, LatencyHistograms.compress(w.publishMicros()));
                s.setInt(7, generatorInstance);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public List<GeneratorWindow> generatorWindows(String runId) throws SQLException {
        List<GeneratorWindow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT source, data_type, window_start, slip_us_hist, publish_us_hist
                     FROM generator_windows WHERE run_id = ? ORDER BY window_start, source, generator_instance""")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new GeneratorWindow(rs.getString(1), dataType(rs.getString(2)), rs.getTimestamp(3).toInstant(),
                            LatencyHistograms.decompress(rs.getBytes(4)), LatencyHistograms.decompress(rs.getBytes(5))));
                }
            }
        }
        return out;
    }

    public void saveProfile(String runId, ComponentProfile profile) throws SQLException {
        update("""
                INSERT INTO component_profiles (run_id, component, jvm, hot_methods, artifacts) VALUES (?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
                ON CONFLICT (run_id, component) DO UPDATE
                    SET jvm = EXCLUDED.jvm, hot_methods = EXCLUDED.hot_methods, artifacts = EXCLUDED.artifacts""",
                runId, profile.component(), profile.jvm() == null ? null : json(profile.jvm()), json(profile.hotMethods()),
                json(profile.artifacts()));
    }

    public List<ComponentProfile> profiles(String runId) throws SQLException {
        List<ComponentProfile> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT component, jvm::text, hot_methods::text, artifacts::text FROM component_profiles WHERE run_id = ? ORDER BY component")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(ComponentProfile.of(rs.getString(1),
                            rs.getString(2) == null ? null : JSON.readValue(rs.getString(2), RunReport.JvmActivity.class),
                            JSON.readValue(rs.getString(3), new TypeReference<List<RunReport.HotMethod>>() { }),
                            JSON.readValue(rs.getString(4), STRING_MAP)));
                }
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public void saveBrokerSamples(String runId, Collection<BrokerSample> samples) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     INSERT INTO broker_samples (run_id, sampled_at, bytes_in, bytes_out, messages_in, produce_requests,
                         produce_time_ms_sum, produce_p99_ms, fetch_requests, fetch_time_ms_sum, fetch_p99_ms)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
            for (BrokerSample b : samples) {
                s.setString(1, runId);
                s.setTimestamp(2, Timestamp.from(b.at()));
                s.setDouble(3, b.bytesIn());
                s.setDouble(4, b.bytesOut());
                s.setDouble(5, b.messagesIn());
                s.setLong(6, b.produceRequests());
                s.setDouble(7, b.produceTimeMsSum());
                s.setDouble(8, b.produceP99Ms());
                s.setLong(9, b.fetchRequests());
                s.setDouble(10, b.fetchTimeMsSum());
                s.setDouble(11, b.fetchP99Ms());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public List<BrokerSample> brokerSamples(String runId) throws SQLException {
        List<BrokerSample> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT sampled_at, bytes_in, bytes_out, messages_in, produce_requests, produce_time_ms_sum, produce_p99_ms,
                            fetch_requests, fetch_time_ms_sum, fetch_p99_ms
                     FROM broker_samples WHERE run_id = ? ORDER BY sampled_at""")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new BrokerSample(rs.getTimestamp(1).toInstant(), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4),
                            rs.getLong(5), rs.getDouble(6), rs.getDouble(7), rs.getLong(8), rs.getDouble(9), rs.getDouble(10)));
                }
            }
        }
        return out;
    }

    /** Adds (or replaces) named files of a run. */
    public void saveArtifacts(String runId, Map<String, String> artifacts) throws SQLException {
        update("UPDATE runs SET artifacts = artifacts || ?::jsonb WHERE run_id = ?", json(artifacts), runId);
    }

    /** A baseline as resolved: the name it was asked by (or the run id) and the report of its run. */
    public record Baseline(String name, String runId, RunReport report) {
    }

    /** A baseline name first, then a run id; empty when it is neither or its run has no measurements. */
    public Optional<Baseline> resolveBaseline(String nameOrRunId) throws SQLException {
        Optional<String> named = baseline(nameOrRunId);
        String runId = named.orElse(nameOrRunId);
        return report(runId).map(r -> new Baseline(named.isPresent() ? nameOrRunId : runId, runId, r));
    }

    /** Names a run as a baseline (replacing what the name pointed at). */
    public void setBaseline(String name, String runId) throws SQLException {
        update("""
                INSERT INTO baselines (name, run_id) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET run_id = EXCLUDED.run_id, set_at = now()""", name, runId);
    }

    /** The run a baseline name points at. */
    public Optional<String> baseline(String name) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT run_id FROM baselines WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Completed runs of a benchmark (all benchmarks when null), oldest first: the series history is drawn from. */
    public List<String> completedRuns(String benchmark, int limit) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT run_id FROM (
                         SELECT run_id, created_at FROM runs
                         WHERE status = 'completed' AND generation_ended_at IS NOT NULL AND (? IS NULL OR benchmark = ?)
                         ORDER BY created_at DESC, run_id DESC LIMIT ?) recent
                     ORDER BY created_at, run_id""")) {
            s.setString(1, benchmark);
            s.setString(2, benchmark);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** The most recent runs first. */
    public List<RunSummary> list(int limit) throws SQLException {
        List<RunSummary> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("""
                     SELECT run_id, benchmark, status, created_at,
                            extract(epoch FROM generation_ended_at - generation_started_at),
                            report -> 'events' ->> 'processed',
                            report -> 'throughput' ->> 'sustained_eps',
                            report -> 'latency_ms' -> 'end_to_end' ->> 'p99',
                            report -> 'targets' ->> 'met'
                     FROM runs ORDER BY created_at DESC, run_id DESC LIMIT ?""")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(),
                            nullableDouble(rs.getString(5)), rs.getString(6) == null ? null : Long.valueOf(rs.getString(6)),
                            nullableDouble(rs.getString(7)), nullableDouble(rs.getString(8)),
                            rs.getString(9) == null ? null : Boolean.valueOf(rs.getString(9))));
                }
            }
        }
        return out;
    }

    private static Double nullableDouble(String value) {
        return value == null ? null : Double.valueOf(value);
    }

    private static DataType dataType(String wireName) {
        return DataType.fromWireName(wireName).orElseThrow(() -> new IllegalStateException("unknown stored event type " + wireName));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void update(String sql, Object... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p == null) {
                    s.setNull(i + 1, Types.VARCHAR);
                } else {
                    s.setObject(i + 1, p);
                }
            }
            s.executeUpdate();
        }
    }

}
