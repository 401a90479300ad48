package lab.performance.observatory.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChangePointsTest {

    static double[] series(SplittableRandom random, double... levels) {
        int perLevel = 30;
        double[] out = new double[levels.length * perLevel];
        for (int i = 0; i < out.length; i++) {
            out[i] = levels[i / perLevel] * (1 + 0.02 * RunComparatorTest.gaussian(random));
        }
        return out;
    }

    @Test
    void findsAPlantedStep() {
        double[] s = series(new SplittableRandom(1), 20_000, 18_000);
        List<ChangePoints.ChangePoint> found = ChangePoints.detect(s, 0.001, 3);
        assertThat(found).hasSize(1);
        ChangePoints.ChangePoint p = found.get(0);
        assertThat(p.index()).isEqualTo(30);
        assertThat(p.changePercent()).isBetween(-11.0, -9.0);
        assertThat(p.pValue()).isLessThan(1e-6);
    }

    @Test
    void findsSeveralStepsInOrder() {
        double[] s = series(new SplittableRandom(2), 100, 130, 130, 90);
        List<ChangePoints.ChangePoint> found = ChangePoints.detect(s, 0.001, 3);
        assertThat(found).extracting(ChangePoints.ChangePoint::index).containsExactly(30, 90);
    }

    @Test
    void aStableNoisySeriesHasNoChangePointsMostOfTheTime() {
        SplittableRandom random = new SplittableRandom(3);
        int falseAlarms = 0;
        for (int i = 0; i < 100; i++) {
            falseAlarms += ChangePoints.detect(series(random, 50, 50), 0.001, 3).size();
        }
        // E-divisive picks the best split first, so the t-test sees a selected, not a random, split
        assertThat(falseAlarms).isLessThanOrEqualTo(5);
    }

    @Test
    void constantSeriesAndShortSeries() {
        assertThat(ChangePoints.detect(new double[] {5, 5, 5, 5, 5, 5, 5, 5}, 0.01, 2)).isEmpty();
        assertThat(ChangePoints.detect(new double[] {5, 5, 5, 9, 9, 9}, 0.01, 3)).extracting(ChangePoints.ChangePoint::index)
                .containsExactly(3);
        assertThat(ChangePoints.detect(new double[] {1, 2, 3}, 0.01, 2)).isEmpty();
    }
}
