package lab.performance.observatory.core.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrendTest {

    @Test
    void aStraightLineIsFoundExactlyAndExplainsEverything() {
        List<Trend.Point> points = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            points.add(new Trend.Point(i * 60, 100 + 2.5 * i * 60));
        }
        Trend t = Trend.fit(points);
        assertThat(t.points()).isEqualTo(10);
        assertThat(t.slopePerSecond()).isCloseTo(2.5, within(1e-9));
        assertThat(t.slopePerHour()).isCloseTo(9000, within(1e-6));
        assertThat(t.intercept()).isCloseTo(100, within(1e-9));
        assertThat(t.rSquared()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void noiseAroundAFlatLevelHasASlopeNearZeroAndALowRSquared() {
        Random random = new Random(7);
        List<Trend.Point> points = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            points.add(new Trend.Point(i, 500 + random.nextGaussian() * 10));
        }
        Trend t = Trend.fit(points);
        assertThat(t.slopePerSecond()).isCloseTo(0, within(0.01));
        assertThat(t.rSquared()).isLessThan(0.05);
        assertThat(t.intercept()).isCloseTo(500, within(2.0));
    }

    @Test
    void aSlopeThroughNoiseIsFoundWithAnRSquaredBetweenZeroAndOne() {
        Random random = new Random(11);
        List<Trend.Point> points = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            points.add(new Trend.Point(i, 1000 - 0.5 * i + random.nextGaussian() * 50));
        }
        Trend t = Trend.fit(points);
        assertThat(t.slopePerSecond()).isCloseTo(-0.5, within(0.05));
        assertThat(t.rSquared()).isBetween(0.5, 0.95);
    }

    @Test
    void degenerateSeriesHaveNoSlope() {
        assertThat(Trend.fit(List.of())).isEqualTo(new Trend(0, 0, 0, 0));
        assertThat(Trend.fit(List.of(new Trend.Point(3, 42)))).isEqualTo(new Trend(1, 0, 42, 0));
        // every reading at one instant: no line through them has a slope
        assertThat(Trend.fit(List.of(new Trend.Point(3, 1), new Trend.Point(3, 5)))).isEqualTo(new Trend(2, 0, 3, 0));
        // a constant: the slope is 0 and there is no variance to explain
        Trend flat = Trend.fit(List.of(new Trend.Point(0, 7), new Trend.Point(1, 7), new Trend.Point(2, 7)));
        assertThat(flat.slopePerSecond()).isZero();
        assertThat(flat.rSquared()).isZero();
    }
}
