package lab.performance.observatory.core.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SortedMap;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class WindowedHistogramsTest {

    static final long T0 = 1_800_000_000_000_000_000L;
    static final long SECOND = 1_000_000_000L;

    @Test
    void everyValueLandsInItsWindowAndWindowsMergeExactly() {
        WindowedHistograms windows = new WindowedHistograms(Duration.ofSeconds(1));
        Histogram all = LatencyHistograms.newHistogram();
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 300_000; i++) {
            long at = T0 + i * 10_000L; // 100k values per second, 3 s
            long latency = (long) (1_000 * Math.exp(random.nextDouble() * random.nextDouble() * 12)); // 1 µs .. ~160 ms
            windows.record(at, latency);
            all.recordValue(latency / 1000);
        }
        SortedMap<Instant, Histogram> snapshot = windows.snapshot();
        assertThat(snapshot.keySet()).containsExactly(Instant.ofEpochSecond(1_800_000_000L), Instant.ofEpochSecond(1_800_000_001L),
                Instant.ofEpochSecond(1_800_000_002L));
        Histogram merged = LatencyHistograms.newHistogram();
        snapshot.values().forEach(h -> {
            assertThat(h.getTotalCount()).isEqualTo(100_000);
            merged.add(h);
        });
        for (double p : new double[] {50, 99, 99.9, 99.99, 100}) {
            assertThat(merged.getValueAtPercentile(p)).isEqualTo(all.getValueAtPercentile(p));
        }
    }

    @Test
    void aLateValueForASealedWindowStillCountsThere() {
        WindowedHistograms windows = new WindowedHistograms(Duration.ofSeconds(1));
        windows.record(T0 + 100, 5_000_000);            // window 0
        windows.record(T0 + SECOND + 100, 7_000_000);   // window 1: window 0 is sealed
        windows.record(T0 + 200, 9_000_000);            // a late acknowledgement for window 0
        windows.record(T0 + SECOND + 300, 1_000_000);   // back in window 1
        SortedMap<Instant, Histogram> snapshot = windows.snapshot();
        Histogram first = snapshot.get(Instant.ofEpochSecond(0, T0));
        Histogram second = snapshot.get(Instant.ofEpochSecond(0, T0 + SECOND));
        assertThat(first.getTotalCount()).isEqualTo(2);
        assertThat(first.getMaxValue()).isEqualTo(first.highestEquivalentValue(9_000));
        assertThat(second.getTotalCount()).isEqualTo(2);
        assertThat(windows.snapshot().get(Instant.ofEpochSecond(0, T0)).getTotalCount()).isEqualTo(2); // snapshots repeat
    }

    @Test
    void negativeValuesCountAsZero() {
        WindowedHistograms windows = new WindowedHistograms(Duration.ofSeconds(1));
        windows.record(T0, -5);
        assertThat(windows.snapshot().get(Instant.ofEpochSecond(0, T0)).getMaxValue()).isZero();
    }

    @Test
    void drainingHandsOnFinishedWindowsOnceAndALatePartAgain() {
        WindowedHistograms windows = new WindowedHistograms(Duration.ofSeconds(1));
        windows.record(T0 + 100, 5_000_000);            // window 0
        windows.record(T0 + SECOND + 100, 7_000_000);   // window 1: window 0 is sealed
        windows.record(T0 + 2 * SECOND + 100, 2_000_000); // window 2: window 1 is sealed
        // only windows that ended by the cutoff; window 1 ends exactly at it
        SortedMap<Instant, Histogram> first = windows.drainBefore(T0 + 2 * SECOND);
        assertThat(first.keySet()).containsExactly(Instant.ofEpochSecond(0, T0), Instant.ofEpochSecond(0, T0 + SECOND));
        assertThat(first.get(Instant.ofEpochSecond(0, T0)).getTotalCount()).isEqualTo(1);
        assertThat(windows.drainBefore(T0 + 2 * SECOND)).as("drained once").isEmpty();
        // the window being written is not sealed, so not drained, even past its end
        assertThat(windows.drainBefore(T0 + 10 * SECOND)).isEmpty();
        windows.record(T0 + 300, 9_000_000);            // late for drained window 0: a new part (window 2's is sealed)
        windows.record(T0 + 2 * SECOND + 200, 3_000_000); // back in window 2: the late part is sealed
        SortedMap<Instant, Histogram> late = windows.drainBefore(T0 + 2 * SECOND);
        assertThat(late.keySet()).containsExactly(Instant.ofEpochSecond(0, T0));
        assertThat(late.get(Instant.ofEpochSecond(0, T0)).getMaxValue()).isEqualTo(late.get(Instant.ofEpochSecond(0, T0)).highestEquivalentValue(9_000));
        windows.seal();
        SortedMap<Instant, Histogram> rest = windows.drainBefore(Long.MAX_VALUE);
        assertThat(rest.keySet()).containsExactly(Instant.ofEpochSecond(0, T0 + 2 * SECOND));
        assertThat(rest.get(Instant.ofEpochSecond(0, T0 + 2 * SECOND)).getTotalCount()).as("both of its parts").isEqualTo(2);
        assertThat(windows.snapshot()).isEmpty();
    }

    @Test
    void aDrainWhileTheWriterRecordsLosesNoValue() throws Exception {
        WindowedHistograms windows = new WindowedHistograms(Duration.ofMillis(1));
        int values = 2_000_000;
        Thread writer = new Thread(() -> {
            for (int i = 0; i < values; i++) {
                // mostly in order, every 7th late by up to 40 windows: late parts of windows being drained
                long at = T0 + i * 1_000L - (i % 7 == 0 ? (i % 41) * 1_000_000L : 0);
                windows.record(at, 1_000);
            }
        });
        writer.start();
        long drained = 0;
        while (writer.isAlive()) {
            for (Histogram h : windows.drainBefore(T0 + Long.MAX_VALUE / 2).values()) {
                drained += h.getTotalCount();
            }
        }
        writer.join();
        windows.seal();
        for (Histogram h : windows.drainBefore(Long.MAX_VALUE).values()) {
            drained += h.getTotalCount();
        }
        assertThat(drained).isEqualTo(values);
    }
}
