package lab.performance.observatory.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.stats.LatencyHistograms;
import lab.performance.observatory.stack.EmbeddedStack;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WindowSinkTest {

    static DataSource db;

    @BeforeAll
    static void migrate() throws Exception {
        db = EmbeddedStack.get().dataSource();
        ObservatoryDatabase.migrate(db);
        ObservatoryDatabase.migrate(db); // idempotent
    }

    static WindowDelta delta(String run, TopicPartitionRef input, long first, long last, long events) {
        Histogram h = LatencyHistograms.newHistogram();
        for (long i = 0; i < events; i++) {
            h.recordValue(1000 + i);
        }
        return new WindowDelta(run, DataType.MARKET_DATA, Instant.parse("2026-11-27T10:00:00Z"), input, first, last,
                events, events * 100, 0, 1.5 * events, events * 90, 0, 0, h.getMaxValue(), LatencyHistograms.compress(h));
    }

    static long storedEvents(String run) throws Exception {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT coalesce(sum(events), 0) FROM window_metrics WHERE run_id = '" + run + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void writesRowsAndProgressTogether() throws Exception {
        String app = "app-" + UUID.randomUUID();
        String run = "run-" + UUID.randomUUID();
        TopicPartitionRef input = new TopicPartitionRef("t", 0);
        WindowSink sink = new WindowSink(db, app);
        assertThat(sink.progress(List.of(input))).isEmpty();

        sink.write(List.of(delta(run, input, 0, 9, 10)), List.of(new WindowSink.Advance(input, WindowSink.NO_PROGRESS, 10)));
        assertThat(sink.progress(List.of(input))).isEqualTo(Map.of(input, 10L));
        sink.write(List.of(delta(run, input, 10, 14, 5)), List.of(new WindowSink.Advance(input, 10, 15)));
        assertThat(sink.progress(List.of(input))).isEqualTo(Map.of(input, 15L));
        assertThat(storedEvents(run)).isEqualTo(15);
    }

    @Test
    void aWriterWithStaleProgressIsFencedAndWritesNothing() throws Exception {
        String app = "app-" + UUID.randomUUID();
        String run = "run-" + UUID.randomUUID();
        TopicPartitionRef input = new TopicPartitionRef("t", 3);
        WindowSink sink = new WindowSink(db, app);
        sink.write(List.of(delta(run, input, 0, 9, 10)), List.of(new WindowSink.Advance(input, WindowSink.NO_PROGRESS, 10)));

        // a zombie that still believes nothing was written, then one that read progress 5
        assertThatThrownBy(() -> sink.write(List.of(delta(run, input, 0, 19, 20)),
                List.of(new WindowSink.Advance(input, WindowSink.NO_PROGRESS, 20))))
                .isInstanceOf(SinkFencedException.class).hasMessageContaining("t-3");
        assertThatThrownBy(() -> sink.write(List.of(delta(run, input, 5, 19, 15)),
                List.of(new WindowSink.Advance(input, 5, 20))))
                .isInstanceOf(SinkFencedException.class);
        assertThat(storedEvents(run)).isEqualTo(10);
        assertThat(sink.progress(List.of(input))).isEqualTo(Map.of(input, 10L));
    }

    @Test
    void aFencedMultiPartitionWriteRollsBackTheOtherPartitionsToo() throws Exception {
        String app = "app-" + UUID.randomUUID();
        String run = "run-" + UUID.randomUUID();
        TopicPartitionRef a = new TopicPartitionRef("a", 0);
        TopicPartitionRef b = new TopicPartitionRef("b", 0);
        WindowSink sink = new WindowSink(db, app);
        sink.write(List.of(delta(run, b, 0, 0, 1)), List.of(new WindowSink.Advance(b, WindowSink.NO_PROGRESS, 1)));
        assertThatThrownBy(() -> sink.write(List.of(delta(run, a, 0, 4, 5), delta(run, b, 0, 4, 5)),
                List.of(new WindowSink.Advance(a, WindowSink.NO_PROGRESS, 5), new WindowSink.Advance(b, WindowSink.NO_PROGRESS, 5))))
                .isInstanceOf(SinkFencedException.class);
        assertThat(sink.progress(List.of(a, b))).isEqualTo(Map.of(b, 1L));
        assertThat(storedEvents(run)).isEqualTo(1);
    }

    @Test
    void rowsCaughtByTheDefaultPartitionMoveIntoTheirDayWhenItIsCreated() throws Exception {
        String run = "run-" + UUID.randomUUID();
        TopicPartitionRef input = new TopicPartitionRef("early", 0);
        WindowDelta row = new WindowDelta(run, DataType.IOT_SENSOR, Instant.parse("2031-03-04T05:06:07Z"), input, 0, 0, 7, 70, 1, 0, 60, 0, 0, 5,
                LatencyHistograms.compress(LatencyHistograms.newHistogram()));
        new WindowSink(db, "app-" + UUID.randomUUID()).write(List.of(row), List.of(new WindowSink.Advance(input, WindowSink.NO_PROGRESS, 1)));
        assertThat(partitionOf(run)).isEqualTo("window_metrics_default");
        assertThat(ObservatoryDatabase.ensureWindowPartitions(db, LocalDate.parse("2031-03-03"), 3)).isEqualTo(3);
        assertThat(partitionOf(run)).isEqualTo("window_metrics_20310304");
        assertThat(storedEvents(run)).isEqualTo(7);
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
        new WindowSink(db, "app-" + UUID.randomUUID()).write(List.of(row), List.of(new WindowSink.Advance(input, WindowSink.NO_PROGRESS, 1)));
        assertThat(partitionOf(run)).isEqualTo("window_metrics_" + today.toString().replace("-", ""));
    }
}
