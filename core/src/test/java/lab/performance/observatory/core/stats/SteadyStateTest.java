package lab.performance.observatory.core.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SteadyStateTest {

    static List<Double> noise(int n, double level, double sd, long seed) {
        Random random = new Random(seed);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(level + random.nextGaussian() * sd);
        }
        return out;
    }

    @Test
    void aConstantSeriesIsSteadyFromTheStart() {
        SteadyState.Result r = SteadyState.mser5(Collections.nCopies(120, 42.0));
        assertThat(r).isEqualTo(new SteadyState.Result(0, true, 120));
    }

    @Test
    void stationaryNoiseLosesLittle() {
        for (long seed = 1; seed <= 20; seed++) {
            SteadyState.Result r = SteadyState.mser5(noise(300, 20, 4, seed));
            assertThat(r.settled()).as("seed %d", seed).isTrue();
            assertThat(r.truncated()).as("seed %d", seed).isLessThanOrEqualTo(60);
        }
    }

    @Test
    void aWarmUpTransientIsCutAtItsEnd() {
        // p99 per window of a JIT-compiling topology: 1,500 ms falling to 20 ms over the first 60 windows, then noise
        for (long seed = 1; seed <= 20; seed++) {
            List<Double> series = noise(300, 20, 4, seed);
            for (int i = 0; i < 60; i++) {
                series.set(i, series.get(i) + 1480 * Math.exp(-i / 10.0));
            }
            SteadyState.Result r = SteadyState.mser5(series);
            assertThat(r.settled()).isTrue();
            assertThat(r.truncated()).as("seed %d", seed).isBetween(25, 75);
            assertThat(r.truncated() % SteadyState.BATCH).isZero();
        }
    }

    @Test
    void aStepDownIsCutAtTheStep() {
        List<Double> series = new ArrayList<>(Collections.nCopies(40, 500.0));
        series.addAll(Collections.nCopies(160, 100.0));
        assertThat(SteadyState.mser5(series)).isEqualTo(new SteadyState.Result(40, true, 200));
    }

    @Test
    void aSeriesThatNeverSettlesIsSaidToAndNothingIsCut() {
        List<Double> rising = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rising.add(i * 3.0);
        }
        SteadyState.Result r = SteadyState.mser5(rising);
        assertThat(r.settled()).isFalse();
        assertThat(r.truncated()).isZero();
        // a transient that lasts most of the run: its minimum lies in the second half
        List<Double> late = noise(200, 20, 1, 5);
        for (int i = 0; i < 150; i++) {
            late.set(i, late.get(i) + 1000 - 6 * i);
        }
        assertThat(SteadyState.mser5(late).settled()).isFalse();
    }

    @Test
    void tooShortToJudgeAndBadValues() {
        assertThat(SteadyState.mser5(Collections.nCopies(19, 1.0))).isEqualTo(new SteadyState.Result(0, false, 19));
        assertThat(SteadyState.mser5(List.of())).isEqualTo(new SteadyState.Result(0, false, 0));
        List<Double> nan = new ArrayList<>(Collections.nCopies(30, 1.0));
        nan.set(7, Double.NaN);
        assertThatThrownBy(() -> SteadyState.mser5(nan)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("observation 7");
    }
}
