package lab.performance.observatory.topology;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.stack.EmbeddedStack;
import lab.performance.observatory.store.JdbcWindowSink;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.WindowSink;
import org.junit.jupiter.api.BeforeAll;

/** Every case of {@link WindowMetricsTopologyTest} again, writing to the real PostgreSQL through the JDBC sink. */
class WindowMetricsTopologyIT extends WindowMetricsTopologyTest {

    static DataSource db;

    @BeforeAll
    static void database() {
        db = EmbeddedStack.get().dataSource();
        ObservatoryDatabase.migrate(db);
    }

    @Override
    WindowSink sink() {
        return new JdbcWindowSink(db, applicationId);
    }

    @Override
    long replaysSkipped() throws Exception {
        return new lab.performance.observatory.store.RunStore(db).windows().replaysSkipped(runId);
    }

    @Override
    List<Row> rows() throws Exception {
        List<Row> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT event_type, window_start, events, bytes, dead_lettered, copied_bytes, latency_us_hist FROM window_metrics "
                        + "WHERE run_id = ? ORDER BY window_start, event_type")) {
            s.setString(1, runId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Row(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                            rs.getLong(6), LatencyHistograms.decompress(rs.getBytes(7))));
                }
            }
        }
        return merge(out);
    }
}
