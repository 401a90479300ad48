package lab.performance.observatory.store;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import lab.performance.observatory.core.report.BrokerSample;
import lab.performance.observatory.core.report.CeilingMaxRate;
import lab.performance.observatory.core.report.CeilingProbe;
import lab.performance.observatory.core.report.ComponentProfile;
import lab.performance.observatory.core.report.CpuCounterReading;
import lab.performance.observatory.core.report.LagSample;
import lab.performance.observatory.core.report.ResourceSample;
import lab.performance.observatory.core.report.RunReport;

/**
 * What a run cost: CPU and memory samples per component ({@code resource_samples}), the broker's
 * own metrics ({@code broker_samples}) and each JVM's profile ({@code component_profiles}).
 */
public final class ResourceRecords {

    private static final TypeReference<List<RunReport.HotMethod>> HOT_METHODS = new TypeReference<>() { };

    private final Jdbc jdbc;

    ResourceRecords(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public void saveSamples(String runId, Collection<ResourceSample> samples) throws SQLException {
        jdbc.batch("""
                INSERT INTO resource_samples (run_id, component, sampled_at, cpu_seconds, rss_bytes, peak_rss_bytes, threads, open_files,
                                              rss_anon_bytes, voluntary_switches, involuntary_switches, run_queue_seconds)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                samples, (s, r) -> {
                    s.setString(1, runId);
                    s.setString(2, r.component());
                    s.setTimestamp(3, Timestamp.from(r.at()));
                    s.setDouble(4, r.cpuSeconds());
                    s.setLong(5, r.rssBytes());
                    s.setLong(6, r.peakRssBytes());
                    s.setInt(7, r.threads());
                    s.setInt(8, r.openFiles());
                    s.setLong(9, r.anonRssBytes());
                    s.setLong(10, r.voluntarySwitches());
                    s.setLong(11, r.involuntarySwitches());
                    s.setDouble(12, r.runQueueSeconds());
                });
    }

    private static final String SAMPLE_COLUMNS =
            "SELECT component, sampled_at, cpu_seconds, rss_bytes, peak_rss_bytes, threads, open_files, rss_anon_bytes, voluntary_switches, "
            + "involuntary_switches, run_queue_seconds FROM resource_samples";
    private static final Jdbc.Row<ResourceSample> SAMPLE = rs -> new ResourceSample(rs.getString(1), Jdbc.instant(rs, 2), rs.getDouble(3),
            rs.getLong(4), rs.getLong(5), rs.getInt(6), rs.getInt(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getDouble(11));

    public List<ResourceSample> samples(String runId) throws SQLException {
        return jdbc.query(SAMPLE_COLUMNS + " WHERE run_id = ? ORDER BY component, sampled_at", SAMPLE, runId);
    }

    /** The latest sample of one component, the one a sampler that restarted continues from. */
    public java.util.Optional<ResourceSample> lastSample(String runId, String component) throws SQLException {
        return jdbc.queryOne(SAMPLE_COLUMNS + " WHERE run_id = ? AND component = ? ORDER BY sampled_at DESC LIMIT 1", SAMPLE, runId, component);
    }

    public void saveBrokerSamples(String runId, Collection<BrokerSample> samples) throws SQLException {
        jdbc.batch("""
                INSERT INTO broker_samples (run_id, sampled_at, bytes_in, bytes_out, messages_in, produce_requests,
                    produce_time_ms_sum, produce_p99_ms, fetch_requests, fetch_time_ms_sum, fetch_p99_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                samples, (s, b) -> {
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
                });
    }

    public List<BrokerSample> brokerSamples(String runId) throws SQLException {
        return jdbc.query("""
                SELECT sampled_at, bytes_in, bytes_out, messages_in, produce_requests, produce_time_ms_sum, produce_p99_ms,
                       fetch_requests, fetch_time_ms_sum, fetch_p99_ms
                FROM broker_samples WHERE run_id = ? ORDER BY sampled_at""",
                rs -> new BrokerSample(Jdbc.instant(rs, 1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getLong(5),
                        rs.getDouble(6), rs.getDouble(7), rs.getLong(8), rs.getDouble(9), rs.getDouble(10)), runId);
    }

    /** The topology's consumer lag as sampled during the run (a sample at an instant already stored is skipped). */
    public void saveLagSamples(String runId, Collection<LagSample> samples) throws SQLException {
        jdbc.batch("INSERT INTO lag_samples (run_id, sampled_at, lag_records, lag_seconds) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                samples, (s, l) -> {
                    s.setString(1, runId);
                    s.setTimestamp(2, Timestamp.from(l.at()));
                    s.setLong(3, l.lagRecords());
                    if (l.lagSeconds() == null) {
                        s.setNull(4, java.sql.Types.DOUBLE);
                    } else {
                        s.setDouble(4, l.lagSeconds());
                    }
                });
    }

    public List<LagSample> lagSamples(String runId) throws SQLException {
        return jdbc.query("SELECT sampled_at, lag_records, lag_seconds FROM lag_samples WHERE run_id = ? ORDER BY sampled_at",
                rs -> {
                    double seconds = rs.getDouble(3);
                    return new LagSample(Jdbc.instant(rs, 1), rs.getLong(2), rs.wasNull() ? null : seconds);
                }, runId);
    }

    public void saveProfile(String runId, ComponentProfile profile) throws SQLException {
        jdbc.update("""
                INSERT INTO component_profiles (run_id, component, jvm, hot_methods, artifacts) VALUES (?, ?, ?::jsonb, ?::jsonb, ?::jsonb)
                ON CONFLICT (run_id, component) DO UPDATE
                    SET jvm = EXCLUDED.jvm, hot_methods = EXCLUDED.hot_methods, artifacts = EXCLUDED.artifacts""",
                runId, profile.component(), profile.jvm() == null ? null : Jdbc.json(profile.jvm()), Jdbc.json(profile.hotMethods()),
                Jdbc.json(profile.artifacts()));
    }

    public List<ComponentProfile> profiles(String runId) throws SQLException {
        return jdbc.query("SELECT component, jvm::text, hot_methods::text, artifacts::text FROM component_profiles WHERE run_id = ? ORDER BY component",
                rs -> ComponentProfile.of(rs.getString(1),
                        rs.getString(2) == null ? null : Jdbc.fromJson(rs.getString(2), RunReport.JvmActivity.class),
                        Jdbc.fromJson(rs.getString(3), HOT_METHODS), Jdbc.fromJson(rs.getString(4), Jdbc.STRING_MAP)), runId);
    }

    /** One component's perf stat counters over the measured interval (a reading stored again replaces it). */
    public void saveCpuCounters(String runId, CpuCounterReading reading) throws SQLException {
        jdbc.update("""
                INSERT INTO cpu_counters (run_id, component, sums, seconds, reason) VALUES (?, ?, ?::jsonb, ?, ?)
                ON CONFLICT (run_id, component) DO UPDATE SET sums = EXCLUDED.sums, seconds = EXCLUDED.seconds, reason = EXCLUDED.reason""",
                runId, reading.component(), Jdbc.json(reading.sums()), reading.seconds(), reading.reason());
    }

    public List<CpuCounterReading> cpuCounters(String runId) throws SQLException {
        return jdbc.query("SELECT component, sums::text, seconds, reason FROM cpu_counters WHERE run_id = ? ORDER BY component",
                rs -> new CpuCounterReading(rs.getString(1), Jdbc.fromJson(rs.getString(2), DOUBLE_MAP), rs.getDouble(3), rs.getString(4)), runId);
    }

    /** The ceiling probes measured beside a run (docs/measurement.md, "Ceiling"), replacing any stored before. */
    public void saveCeilingProbes(String runId, List<CeilingProbe> probes) throws SQLException {
        jdbc.update("DELETE FROM ceiling_probes WHERE run_id = ?", runId);
        for (CeilingProbe p : probes) {
            jdbc.update("INSERT INTO ceiling_probes (run_id, kind, repeat, offered_eps, measured_events, measured_seconds, p50_ms, p99_ms,"
                    + " p999_ms, cpu_us_per_event) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::double precision)",
                    runId, p.kind(), p.repeat(), p.offeredEps(), p.measuredEvents(), p.measuredSeconds(), p.p50Ms(), p.p99Ms(), p.p999Ms(),
                    p.cpuUsPerEvent());
        }
    }

    public void saveCeilingMaxRate(String runId, CeilingMaxRate rate) throws SQLException {
        jdbc.update("INSERT INTO ceiling_max_rates (run_id, subject, max_eps, steps) VALUES (?, ?, ?::double precision, ?)"
                + " ON CONFLICT (run_id, subject) DO UPDATE SET max_eps = EXCLUDED.max_eps, steps = EXCLUDED.steps",
                runId, rate.subject(), rate.maxEps(), rate.steps());
    }

    public List<CeilingMaxRate> ceilingMaxRates(String runId) throws SQLException {
        return jdbc.query("SELECT subject, max_eps, steps FROM ceiling_max_rates WHERE run_id = ? ORDER BY subject DESC",
                rs -> new CeilingMaxRate(rs.getString(1), (Double) rs.getObject(2), rs.getInt(3)), runId);
    }

    /** In the order they ran: by repeat, raw before pass-through. */
    public List<CeilingProbe> ceilingProbes(String runId) throws SQLException {
        return jdbc.query("SELECT kind, repeat, offered_eps, measured_events, measured_seconds, p50_ms, p99_ms, p999_ms, cpu_us_per_event"
                        + " FROM ceiling_probes WHERE run_id = ? ORDER BY repeat, kind DESC",
                rs -> new CeilingProbe(rs.getString(1), rs.getInt(2), rs.getDouble(3), rs.getLong(4), rs.getDouble(5), rs.getDouble(6),
                        rs.getDouble(7), rs.getDouble(8), (Double) rs.getObject(9)), runId);
    }

    private static final TypeReference<java.util.Map<String, Double>> DOUBLE_MAP = new TypeReference<>() { };
}
