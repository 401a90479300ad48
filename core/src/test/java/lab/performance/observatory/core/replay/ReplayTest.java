package lab.performance.observatory.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import lab.performance.observatory.core.load.KeySampler;
import lab.performance.observatory.core.load.SizeSource;
import lab.performance.observatory.core.schedule.EventSchedule;
import lab.performance.observatory.core.schedule.EventScheduleTest;
import lab.performance.observatory.core.schedule.ReplayRate;
import org.junit.jupiter.api.Test;

class ReplayTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** Events at 0, 10 ms, 10 ms, 500 ms, 1.2 s; 2 s long; keys a, b, a, none, c; stream x, y alternating. */
    static LoadProfile small() {
        ProfileBuilder b = new ProfileBuilder();
        long start = 1_000 * S;
        b.add(start + 500 * MS, 300, 1, "x", "market_data");
        b.add(start, 100, 1, "x", "market_data");
        b.add(start + 10 * MS, 200, 2, "y", null);
        b.add(start + 10 * MS, 250, ProfileBuilder.NO_KEY, "x", "market_data");
        b.add(start + 1200 * MS, 400, 3, "y", "log_event");
        b.add(start - 1, 999, 9, "x", null); // before the recording: left out
        b.add(start + 2 * S, 999, 9, "x", null); // at its end: left out
        ProfileBuilder.Built built = b.build(start, 2 * S, 1, "test", 0);
        assertThat(built.outside()).isEqualTo(2);
        return built.profile();
    }

    @Test
    void builderSortsByArrivalAndNumbersKeysByFirstAppearance() {
        LoadProfile p = small();
        assertThat(p.events()).isEqualTo(5);
        long[] offsets = new long[5];
        int[] keys = new int[5];
        for (int i = 0; i < 5; i++) {
            offsets[i] = p.offsetNanos(i);
            keys[i] = p.key(i);
        }
        assertThat(offsets).containsExactly(0, 10 * MS, 10 * MS, 500 * MS, 1200 * MS);
        // hash 1 first (key 0), then hash 2 (1) and no key, hash 1 again, hash 3 (2); a stable sort keeps arrival order within a tick
        assertThat(keys).containsExactly(0, 1, -1, 0, 2);
        assertThat(p.streams()).containsExactly("x", "y");
        assertThat(p.kinds()).containsExactly("market_data", "log_event");
        assertThat(p.eventsPerStream()).containsExactly(3, 2);
    }

    @Test
    void aStreamsTraceRenumbersItsKeys() {
        ReplayTrace y = small().trace("y");
        assertThat(y.events()).isEqualTo(2);
        assertThat(y.key(0)).isZero();
        assertThat(y.key(1)).isEqualTo(1);
        assertThat(y.distinctKeys()).isEqualTo(2);
        assertThatThrownBy(() -> small().trace("z")).hasMessageContaining("no stream 'z'").hasMessageContaining("x, y");
    }

    @Test
    void eventsSharingATickAreSpreadEvenlyOverIt() {
        long[] offsets = {0, 0, 0, 0, MS, 3 * MS, 3 * MS};
        LoadProfile.spreadWithinTicks(offsets, MS, 4 * MS);
        assertThat(offsets).containsExactly(0, MS / 4, MS / 2, 3 * MS / 4, MS, 3 * MS, 3 * MS + MS / 2);
        long[] atEnd = {9 * MS, 9 * MS};
        LoadProfile.spreadWithinTicks(atEnd, 2 * MS, 9 * MS + 100);
        assertThat(atEnd).containsExactly(9 * MS, 9 * MS + 50); // never past the end of the recording
    }

    @Test
    void summaryCountsRatesSizesAndKeys() {
        ProfileSummary s = small().trace(null).summary();
        assertThat(s.events()).isEqualTo(5);
        assertThat(s.seconds()).isEqualTo(2.0);
        assertThat(s.meanRate()).isEqualTo(2.5);
        assertThat(s.peakRate()).isEqualTo(4); // second 0 holds four
        assertThat(s.minBytes()).isEqualTo(100);
        assertThat(s.maxBytes()).isEqualTo(400);
        assertThat(s.meanBytes()).isEqualTo(250.0);
        assertThat(s.p50Bytes()).isEqualTo(250);
        assertThat(s.distinctKeys()).isEqualTo(3);
        assertThat(s.text()).contains("5 events in 2.0 s").contains("peak 4 events/s");
    }

    static List<Long> instants(ReplayRate rate, Duration run) {
        return EventScheduleTest.instants(rate, run);
    }

    private static ReplayTrace trace() {
        // no two events in one tick: offsets as recorded
        ProfileBuilder b = new ProfileBuilder();
        b.add(0, 10, 1, "s", null);
        b.add(100 * MS, 20, 2, "s", null);
        b.add(700 * MS, 30, 1, "s", null);
        return b.build(0, S, MS, "t", 0).profile().trace(null);
    }

    @Test
    void replayKeepsTheRecordedInstantsAndEndsWithTheRecordingWithoutLoop() {
        ReplayRate rate = new ReplayRate(trace(), 1, false, 1, 0);
        assertThat(instants(rate, Duration.ofSeconds(5))).containsExactly(0L, 100 * MS, 700 * MS);
        assertThat(new EventSchedule(rate, Duration.ofSeconds(5)).plannedEvents()).isEqualTo(3);
        assertThat(rate.recordedIndex(3)).isEqualTo(-1);
        assertThat(rate.passSeconds()).isEqualTo(1.0);
    }

    @Test
    void speedScalesTimeAndLoopRepeatsTheRecording() {
        ReplayRate twice = new ReplayRate(trace(), 2, true, 1, 0);
        assertThat(instants(twice, Duration.ofSeconds(1))).containsExactly(0L, 50 * MS, 350 * MS, 500 * MS, 550 * MS, 850 * MS);
        assertThat(twice.recordedIndex(4)).isEqualTo(1);
        assertThat(new EventSchedule(twice, Duration.ofSeconds(1)).plannedEvents()).isEqualTo(6);
        ReplayRate slow = new ReplayRate(trace(), 0.5, false, 1, 0);
        assertThat(instants(slow, Duration.ofSeconds(10))).containsExactly(0L, 200 * MS, 1400 * MS);
    }

    @Test
    void aRecordingCutByTheRunsEndStopsThere() {
        ReplayRate rate = new ReplayRate(trace(), 1, true, 1, 0);
        assertThat(instants(rate, Duration.ofMillis(1050))).containsExactly(0L, 100 * MS, 700 * MS, 1000 * MS);
    }

    @Test
    void scaleCopiesOrThinsEventsAndPhasesShareThemOut() {
        ReplayRate copies = new ReplayRate(trace(), 1, false, 2, 0);
        assertThat(instants(copies, Duration.ofSeconds(2))).containsExactly(0L, 0L, 100 * MS, 100 * MS, 700 * MS, 700 * MS);
        // two generator instances, each half the rate, phases 0 and 1: together every event once
        ReplayRate first = new ReplayRate(trace(), 1, false, 0.5, 0);
        ReplayRate second = new ReplayRate(trace(), 1, false, 0.5, 1);
        assertThat(instants(first, Duration.ofSeconds(2))).containsExactly(0L, 700 * MS);
        assertThat(instants(second, Duration.ofSeconds(2))).containsExactly(100 * MS);
    }

    @Test
    void eventsByCountsWhatTheScheduleSends() {
        for (ReplayRate rate : List.of(new ReplayRate(trace(), 1, false, 1, 0), new ReplayRate(trace(), 3, true, 1, 0),
                new ReplayRate(trace(), 1, true, 2, 0), new ReplayRate(trace(), 0.7, true, 1, 0))) {
            List<Long> all = instants(rate, Duration.ofSeconds(4));
            for (double t : new double[] {0, 0.05, 0.1, 0.2, 0.9, 1.0, 1.5, 2.3, 3.99}) {
                long expected = all.stream().filter(o -> o < t * 1e9).count();
                assertThat(rate.eventsBy(t)).as("events by %s s", t).isEqualTo(expected);
            }
        }
    }

    @Test
    void drawsGiveEachEventItsRecordedSizeAndKey() {
        ReplayRate rate = new ReplayRate(trace(), 1, true, 1, 0);
        SizeSource sizes = ReplayDraws.sizes(rate);
        KeySampler keys = ReplayDraws.keys(rate);
        int[] s = new int[5];
        int[] k = new int[5];
        for (int i = 0; i < 5; i++) {
            s[i] = sizes.next();
            k[i] = keys.next();
        }
        assertThat(s).containsExactly(10, 20, 30, 10, 20);
        assertThat(k).containsExactly(0, 1, 0, 0, 1);
        assertThat(keys.cardinality()).isEqualTo(2);
    }

    @Test
    void aProfileRefusesEventsOutOfOrderOrOutOfRange() {
        assertThatThrownBy(() -> new LoadProfile(S, 1, List.of("s"), List.of(), "t", 0, new long[] {5, 4}, new int[2], new int[2],
                new int[2], new int[] {-1, -1})).hasMessageContaining("arrival order");
        assertThatThrownBy(() -> new LoadProfile(S, 1, List.of("s"), List.of(), "t", 0, new long[] {5}, new int[1], new int[1],
                new int[] {1}, new int[] {-1})).hasMessageContaining("out of range");
        assertThatThrownBy(() -> new LoadProfile(S, 1, List.of("s"), List.of(), "t", 0, new long[] {S}, new int[1], new int[1],
                new int[1], new int[] {-1})).hasMessageContaining("past the recording's end");
        assertThatThrownBy(() -> new ReplayRate(trace(), 0, false, 1, 0)).hasMessageContaining("positive");
    }

    @Test
    void keyHashesTellKeysApartAndNeverCollideWithNoKey() {
        assertThat(ProfileBuilder.keyHash(null)).isEqualTo(ProfileBuilder.NO_KEY);
        assertThat(ProfileBuilder.keyHash("a".getBytes())).isNotEqualTo(ProfileBuilder.keyHash("b".getBytes()))
                .isEqualTo(ProfileBuilder.keyHash("a".getBytes()));
    }
}
