package lab.performance.observatory.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.performance.observatory.core.report.GeneratorWindow;
import lab.performance.observatory.core.time.ManualNanoClock;
import org.junit.jupiter.api.Test;

class WindowFlushTest {

    static final long EPOCH = 1_800_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;

    /** What a store received, window by window, added up as {@code GeneratorRecords.saveWindows} adds them; down while {@code down}. */
    static final class Store implements WindowFlush.WindowStore {
        final Map<String, GeneratorWindow> stored = new TreeMap<>();
        final List<Integer> batches = new ArrayList<>();
        boolean down;

        @Override
        public void save(String runId, int instance, List<GeneratorWindow> windows) throws SQLException {
            if (down) {
                throw new SQLException("Connection refused");
            }
            batches.add(windows.size());
            java.util.Set<String> keys = new java.util.HashSet<>();
            for (GeneratorWindow w : windows) {
                String key = w.source() + "@" + w.windowStart();
                assertThat(keys.add(key)).as("one statement per window and batch: %s", key).isTrue();
                stored.merge(key, w, GeneratorWindow::plus);
            }
        }

        long publishCount() {
            return stored.values().stream().mapToLong(w -> w.publishMicros().getTotalCount()).sum();
        }
    }

    /** A source that sent one event per second for {@code seconds}, each acknowledged 2 ms later. */
    static SourceCounters counters(int seconds) {
        SourceCounters c = new SourceCounters(SourceSenderTest.source(), Duration.ofSeconds(1));
        c.anchor(0, EPOCH);
        for (int s = 0; s < seconds; s++) {
            c.recordSlip(s * SECOND, 1_000);
            c.recordAcknowledged(s * SECOND, s * SECOND + 2_000_000, 100);
        }
        return c;
    }

    @Test
    void windowsOlderThanTheGraceAreStoredAsTheRunGoesAndTheRestAtTheEnd() throws Exception {
        ManualNanoClock clock = new ManualNanoClock(EPOCH);
        Store store = new Store();
        WindowFlush flush = new WindowFlush(store, "r", 0, clock);
        SourceCounters c = counters(30);
        clock.advance(4 * SECOND);
        flush.maybe(List.of(c));
        assertThat(store.stored).as("not time yet").isEmpty();
        clock.advance(26 * SECOND); // 30 s: windows that ended by 20 s are due
        flush.maybe(List.of(c));
        assertThat(store.stored).hasSize(20);
        assertThat(store.stored.keySet()).allMatch(k -> Instant.parse(k.substring(k.indexOf('@') + 1)).isBefore(Instant.ofEpochSecond(0, EPOCH + 20 * SECOND)));
        flush.rest(List.of(c));
        assertThat(store.stored).hasSize(30);
        assertThat(store.publishCount()).isEqualTo(30);
        assertThat(flush.pending()).isZero();
    }

    @Test
    void aLateAcknowledgementIsAddedToItsStoredWindow() throws Exception {
        ManualNanoClock clock = new ManualNanoClock(EPOCH);
        Store store = new Store();
        WindowFlush flush = new WindowFlush(store, "r", 0, clock);
        SourceCounters c = counters(30);
        clock.advance(30 * SECOND);
        flush.maybe(List.of(c));
        // an event sent at 3 s, acknowledged after its window was stored
        c.recordAcknowledged(3 * SECOND + 500, 25 * SECOND, 100);
        flush.rest(List.of(c));
        GeneratorWindow third = store.stored.get("ticks@" + Instant.ofEpochSecond(0, EPOCH + 3 * SECOND));
        assertThat(third.publishMicros().getTotalCount()).isEqualTo(2);
        assertThat(third.slipMicros().getTotalCount()).isEqualTo(1);
        assertThat(store.publishCount()).isEqualTo(31);
    }

    @Test
    void whilePostgresIsAwayWindowsWaitAndNoneIsLostOrStoredTwice() throws Exception {
        ManualNanoClock clock = new ManualNanoClock(EPOCH);
        Store store = new Store();
        WindowFlush flush = new WindowFlush(store, "r", 0, clock);
        SourceCounters c = counters(60);
        store.down = true;
        clock.advance(30 * SECOND);
        flush.maybe(List.of(c));
        assertThat(flush.pending()).isEqualTo(20);
        c.recordAcknowledged(5 * SECOND + 1, 29 * SECOND, 100); // a late part of a waiting window
        clock.advance(10 * SECOND);
        flush.maybe(List.of(c));
        assertThat(flush.pending()).as("the late part joined its waiting window").isEqualTo(30);
        store.down = false;
        clock.advance(10 * SECOND);
        flush.maybe(List.of(c));
        assertThat(flush.pending()).isZero();
        flush.rest(List.of(c));
        assertThat(store.stored).hasSize(60);
        assertThat(store.publishCount()).isEqualTo(61);
    }

    @Test
    void bigDrainsAreStoredInBatches() throws Exception {
        ManualNanoClock clock = new ManualNanoClock(EPOCH);
        Store store = new Store();
        WindowFlush flush = new WindowFlush(store, "r", 0, clock);
        flush.rest(List.of(counters(450)));
        assertThat(store.batches).containsExactly(WindowFlush.BATCH, WindowFlush.BATCH, 50);
    }
}
