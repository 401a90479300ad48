package lab.performance.observatory.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

class SteadyStateDetectionTest {

    static final Instant T0 = Instant.parse("2026-12-04T03:00:00Z");

    /** One window a second for {@code seconds}, the first {@code warmup} marked warm-up, then two drain windows without latency. */
    static List<RunReport.TimelinePoint> timeline(int seconds, int warmup, IntToDoubleFunction p99, IntToLongFunction processed) {
        List<RunReport.TimelinePoint> out = new ArrayList<>();
        for (int s = 0; s < seconds + 2; s++) {
            String phase = s < warmup ? ReportBuilder.WARMUP : s < seconds ? ReportBuilder.MEASURED : ReportBuilder.DRAIN;
            RunReport.WindowLatency e2e = s < seconds ? new RunReport.WindowLatency(100, 1, p99.applyAsDouble(s), 2 * p99.applyAsDouble(s))
                    : new RunReport.WindowLatency(0, 0, 0, 0);
            long events = s < seconds ? processed.applyAsLong(s) : 0;
            out.add(new RunReport.TimelinePoint(T0.plusSeconds(s).toString(), phase, events, 0, e2e, null, null, 0.2, 300, null, null));
        }
        return out;
    }

    @Test
    void aWarmUpLongerThanTheConfiguredOneIsDetectedAndWarnedAbout() {
        Random random = new Random(1);
        // JIT warm-up: p99 1,500 ms falling over 30 s; a 10 s warm-up measures most of it
        var timeline = timeline(120, 10, s -> 20 + 1480 * Math.exp(-s / 5.0) + 4 * random.nextGaussian(), s -> 12000);
        RunReport.SteadyState st = SteadyStateDetection.of(timeline, T0, T0.plusSeconds(10), true);
        assertThat(st.method()).isEqualTo("MSER-5");
        assertThat(st.settled()).isTrue();
        assertThat(st.latencyAtSeconds()).isBetween(15.0, 45.0);
        assertThat(st.throughputAtSeconds()).isZero();
        assertThat(st.detectedAtSeconds()).isEqualTo(st.latencyAtSeconds());
        assertThat(st.measurementStartSeconds()).isEqualTo(10.0);
        assertThat(st.warning()).startsWith("the measured interval starts at 10 s, before steady state at")
                .contains("a warmup_seconds of at least");
    }

    @Test
    void aWarmUpThatCoversTheTransientGivesNoWarning() {
        Random random = new Random(2);
        var timeline = timeline(120, 60, s -> 20 + 1480 * Math.exp(-s / 5.0) + 4 * random.nextGaussian(), s -> 12000 + random.nextInt(50));
        RunReport.SteadyState st = SteadyStateDetection.of(timeline, T0, T0.plusSeconds(60), true);
        assertThat(st.settled()).isTrue();
        assertThat(st.detectedAtSeconds()).isLessThan(60.0);
        assertThat(st.warning()).isNull();
    }

    @Test
    void theThroughputsTransientCountsForASteadyRateAndNotForAPattern() {
        Random random = new Random(3);
        // latency steady from the start; the topology processes a backlog for the first 30 s, then keeps up
        var timeline = timeline(120, 10, s -> 20 + random.nextGaussian(), s -> s < 30 ? 20000 : 12000 + random.nextInt(50));
        RunReport.SteadyState steady = SteadyStateDetection.of(timeline, T0, T0.plusSeconds(10), true);
        assertThat(steady.throughputAtSeconds()).isEqualTo(30.0);
        assertThat(steady.detectedAtSeconds()).isEqualTo(30.0);
        assertThat(steady.warning()).contains("before steady state at 30 s");
        RunReport.SteadyState patterned = SteadyStateDetection.of(timeline, T0, T0.plusSeconds(10), false);
        assertThat(patterned.throughputAtSeconds()).isNull();
        assertThat(patterned.detectedAtSeconds()).isEqualTo(patterned.latencyAtSeconds());
        assertThat(patterned.warning()).isNull();
    }

    @Test
    void aLatencyThatKeepsRisingHasNoSteadyStateAndSaysSo() {
        var timeline = timeline(120, 10, s -> 10 + s * 5.0, s -> 12000);
        RunReport.SteadyState st = SteadyStateDetection.of(timeline, T0, T0.plusSeconds(10), true);
        assertThat(st.settled()).isFalse();
        assertThat(st.detectedAtSeconds()).isNull();
        assertThat(st.latencyAtSeconds()).isNull();
        assertThat(st.warning()).isEqualTo("steady state not found (MSER-5): the per-window p99 did not settle, so the measured figures "
                + "may include warm-up or a drift: run longer");
    }

    @Test
    void aRunTooShortToTellSaysThat() {
        var timeline = timeline(12, 2, s -> 20, s -> 100);
        RunReport.SteadyState st = SteadyStateDetection.of(timeline, T0, T0.plusSeconds(2), true);
        assertThat(st.settled()).isFalse();
        assertThat(st.warning()).contains("too few windows with latency (12) to tell").contains("too few windows (12) to tell");
    }
}
