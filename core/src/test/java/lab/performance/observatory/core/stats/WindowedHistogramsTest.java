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
}
