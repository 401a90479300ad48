package lab.performance.observatory.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.stack.EmbeddedStack;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC sink on the real PostgreSQL: the shared contract, and the daily partitions windows land in. */
class JdbcWindowSinkIT extends WindowSinkContract {

    @Override
    WindowSink sink(String applicationId) {
        return new JdbcWindowSink(db, applicationId);
    }

    @Override
    long storedEvents(String run) throws Exception {
        return stored(run);
    }


    static DataSource db;

    @BeforeAll
    static void migrate() throws Exception {
        db = EmbeddedStack.get().dataSource();
        ObservatoryDatabase.migrate(db);
        ObservatoryDatabase.migrate(db); // idempotent
    }

    static long stored(String run) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(events), 0) FROM window_metrics WHERE run_id = '" + run + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void rowsCaughtByTheDefaultPartitionMoveIntoTheirDayWhenItIsCreated() throws Exception {
        String run = "run-" + UUID.randomUUID();
        TopicPartitionRef input = new TopicPartitionRef("early", 0);
        WindowDelta row = new WindowDelta(run, DataType.IOT_SENSOR, Instant.parse("2031-03-04T05:06:07Z"), input, 0, 0, 7, 70, 1, 0, 60, 0, 0, 5,
                LatencyHistograms.compress(LatencyHistograms.newHistogram()));
        new JdbcWindowSink(db, "app-" + UUID.randomUUID()).write(List.of(row), List.of(new WindowSink.Advance(input, WindowSink.NO_PROGRESS, 1)));
        assertThat(partitionOf(run)).isEqualTo("window_metrics_default");
        assertThat(ObservatoryDatabase.ensureWindowPartitions(db, LocalDate.parse("2031-03-03"), 3)).isEqualTo(3);
        assertThat(partitionOf(run)).isEqualTo("window_metrics_20310304");
        assertThat(stored(run)).isEqualTo(7);
    }

    static String partitionOf(String run) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tableoid::regclass::text FROM window_metrics WHERE run_id = '" + run + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }

    @Test
    void windowsLandInDailyPartitions() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        int created = ObservatoryDatabase.ensureWindowPartitions(db, today, 2);
        assertThat(ObservatoryDatabase.ensureWindowPartitions(db, today, 2)).isZero();
        assertThat(created).isBetween(0, 2);
        String run = "run-" + UUID.randomUUID();
        TopicPartitionRef input = new TopicPartitionRef("p", 0);
        Instant now = Instant.now();
        WindowDelta row = new WindowDelta(run, DataType.LOG_EVENT, now, input, 0, 0, 1, 10, 0, 0, 0, 0, 0, 5,
                LatencyHistograms.compress(LatencyHistograms.newHistogram()));
        new JdbcWindowSink(db, "app-" + UUID.randomUUID()).write(List.of(row), List.of(new WindowSink.Advance(input, WindowSink.NO_PROGRESS, 1)));
        assertThat(partitionOf(run)).isEqualTo("window_metrics_" + today.toString().replace("-", ""));
    }
}
