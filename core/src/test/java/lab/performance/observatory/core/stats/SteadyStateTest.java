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

    @Test
    void aFewTightBatchesAtTheHalfDoNotUnsettleASeriesThatSettled() {
        // a 60 s baseline run on this machine: per-window p99 and events processed; both settle within 20 s, and the
        // MSER minimum of both lies at the half (the last six batches happen to be tight)
        List<Double> p99 = List.of(
                123.0, 788.5, 130.3, 35.5, 17.3, 21.5, 22.9, 15.0, 16.0, 14.0, 15.1, 15.5, 20.7, 16.8, 18.5,
                13.9, 20.9, 14.6, 13.5, 12.4, 12.9, 13.3, 12.5, 13.6, 14.4, 13.4, 14.4, 15.7, 12.4, 15.5,
                14.0, 12.2, 12.5, 13.0, 14.7, 13.9, 11.7, 12.3, 11.9, 11.8, 12.0, 12.9, 12.7, 13.6, 12.3,
                13.2, 15.5, 11.5, 12.2, 15.5, 12.7, 12.4, 16.3, 12.1, 12.2, 11.8, 12.7, 12.3, 13.3, 12.4);
        List<Double> processed = List.of(
                1.0, 14415.0, 12025.0, 12016.0, 12031.0, 11880.0, 12026.0, 12072.0, 11971.0, 11996.0, 12048.0, 12000.0, 11930.0, 12025.0, 12008.0,
                12021.0, 11998.0, 12044.0, 11897.0, 12056.0, 12051.0, 11960.0, 12035.0, 11947.0, 12029.0, 11978.0, 11946.0, 12083.0, 11923.0, 11997.0,
                12102.0, 11990.0, 11995.0, 12009.0, 11895.0, 12030.0, 12011.0, 12040.0, 12013.0, 11923.0, 12100.0, 11964.0, 12038.0, 11887.0, 12028.0,
                11975.0, 12079.0, 11964.0, 11956.0, 12001.0, 12003.0, 12011.0, 12027.0, 12050.0, 11940.0, 12023.0, 12015.0, 12023.0, 11953.0, 11997.0);
        assertThat(SteadyState.mser5(p99)).isEqualTo(new SteadyState.Result(20, true, 60));
        assertThat(SteadyState.mser5(processed)).isEqualTo(new SteadyState.Result(10, true, 60));
        assertThat(SteadyState.drifts(new double[] {1, 2, 3, 4, 5, 6, 7, 8}, 0)).as("a trend drifts").isTrue();
        assertThat(SteadyState.drifts(new double[] {5, 6, 5, 6, 6, 5, 6, 5}, 0)).isFalse();
        assertThat(SteadyState.drifts(new double[] {5, 6, 7}, 0)).as("too few to tell").isTrue();
    }
}
