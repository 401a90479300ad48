package lab.performance.observatory.core.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

class ProfileComparisonTest {

    private static final long S = 1_000_000_000L;

    /** A recording starting {@code lead} after its own start, with these events per second, sizes drawn from {@code size}. */
    static ReplayTrace trace(long lead, long[] perSecond, IntSupplier size) {
        ProfileBuilder b = new ProfileBuilder();
        long seconds = perSecond.length + 2;
        for (int s = 0; s < perSecond.length; s++) {
            for (long i = 0; i < perSecond[s]; i++) {
                b.add(lead + s * S + i * (S / perSecond[s]), size.getAsInt(), i % 7, "t", null);
            }
        }
        return b.build(0, seconds * S, 1, "test", 0).profile().trace(null);
    }

    static IntSupplier uniform(long seed, int min, int max) {
        SplittableRandom random = new SplittableRandom(seed);
        return () -> min + random.nextInt(max - min + 1);
    }

    @Test
    void aCopyStartedLaterLinesUpFromItsFirstEventAndMatches() {
        long[] shape = {500, 1500, 3000, 1000, 2000};
        ProfileComparison c = ProfileComparison.of(trace(0, shape, uniform(1, 100, 900)),
                trace(730_000_000L, shape, uniform(2, 100, 900)), 1);
        assertThat(c.expected()).containsExactly(shape);
        assertThat(c.actual()).containsExactly(shape);
        // the last second is left out: a recording's end cuts it, not its rate
        assertThat(c.fromSecond()).isEqualTo(1);
        assertThat(c.toSecond()).isEqualTo(4);
        assertThat(c.seconds()).isEqualTo(3);
        assertThat(c.maxRateDeviation()).isZero();
        assertThat(c.sizeKsPValue()).as(c.describe()).isGreaterThan(0.01);
    }

    @Test
    void theWorstSecondIsNamedWithItsDeviation() {
        ProfileComparison c = ProfileComparison.of(trace(0, new long[] {1000, 1000, 1000, 1000}, uniform(1, 100, 900)),
                trace(0, new long[] {1000, 1000, 950, 1000}, uniform(1, 100, 900)), 0);
        assertThat(c.worstSecond()).isEqualTo(2);
        assertThat(c.maxRateDeviation()).isEqualTo(0.05);
        assertThat(c.describe()).startsWith("seconds 0-3: worst second 2 (950 vs 1000 events/s, 5.00 %)");
    }

    @Test
    void sizesFromAnotherDistributionAreRejected() {
        long[] shape = {2000, 2000, 2000};
        ProfileComparison shifted = ProfileComparison.of(trace(0, shape, uniform(1, 100, 900)), trace(0, shape, uniform(2, 150, 950)), 0);
        assertThat(shifted.sizeKsPValue()).isLessThan(0.01);
        assertThat(shifted.sizeKsStatistic()).isGreaterThan(0.05);
        ProfileComparison fixed = ProfileComparison.of(trace(0, shape, () -> 300), trace(0, shape, () -> 300), 0);
        assertThat(fixed.sizeKsStatistic()).isZero();
        assertThat(fixed.sizeKsPValue()).isEqualTo(1.0);
    }

    @Test
    void aCopyTooShortComparesNothingAndAnEmptyOneIsRefused() {
        ProfileComparison c = ProfileComparison.of(trace(0, new long[] {100, 100, 100}, () -> 100),
                trace(0, new long[] {100}, () -> 100), 0);
        // the copy has one second only: nothing whole to compare
        assertThat(c.seconds()).isZero();
        assertThat(c.worstSecond()).isEqualTo(-1);
        assertThatThrownBy(() -> ProfileComparison.of(trace(0, new long[] {100}, () -> 100),
                new ProfileBuilder().build(0, S, 1, "empty", 0).profile().trace(null), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("need events");
    }
}
