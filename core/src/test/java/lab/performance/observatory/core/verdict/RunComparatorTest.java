package lab.performance.observatory.core.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunComparatorTest {

    /** 60 one-second windows around {@code mean} with {@code cv} relative noise and an occasional hiccup. */
    static double[] windows(SplittableRandom random, double mean, double cv) {
        double[] w = new double[60];
        for (int i = 0; i < w.length; i++) {
            double noise = gaussian(random) * cv * mean;
            // one window in twenty loses a fifth of its events to a GC pause or a rebalance
            double hiccup = random.nextInt(20) == 0 ? -0.2 * mean : 0;
            w[i] = mean + noise + hiccup;
        }
        return w;
    }

    static double gaussian(SplittableRandom random) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static RunMetric throughput(double[] w) {
        return new RunMetric(RunMetrics.THROUGHPUT, "events/s", Direction.HIGHER_IS_BETTER, RunMetric.Family.THROUGHPUT,
                java.util.Arrays.stream(w).average().orElseThrow(), w);
    }

    static RunMetric p99(double[] w) {
        return new RunMetric("end_to_end_p99_ms", "ms", Direction.LOWER_IS_BETTER, RunMetric.Family.LATENCY,
                java.util.Arrays.stream(w).max().orElseThrow(), w);
    }

    @Test
    void aaComparisonsRarelyFlagAnything() {
        SplittableRandom random = new SplittableRandom(20261127);
        int flagged = 0;
        int significant = 0;
        int trials = 1000;
        for (int i = 0; i < trials; i++) {
            MetricComparison c = RunComparator.compare(throughput(windows(random, 20_000, 0.03)),
                    throughput(windows(random, 20_000, 0.03)), Thresholds.DEFAULT);
            if (c.verdict() != Verdict.NO_SIGNIFICANT_CHANGE) {
                flagged++;
            }
            if (c.pValue() < 0.01) {
                significant++;
            }
        }
        assertThat(flagged).as("A/A verdicts other than no change in %d trials", trials).isLessThanOrEqualTo(trials / 100);
        // the test itself is calibrated: about 1 % of A/A pairs reach p < 0.01 (binomial 99.9 % bound: 21 of 1000)
        assertThat(significant).isLessThanOrEqualTo(21);
    }

    @Test
    void aTenPercentThroughputDropWithRealisticNoiseIsARegression() {
        SplittableRandom random = new SplittableRandom(7);
        int detected = 0;
        for (int i = 0; i < 100; i++) {
            MetricComparison c = RunComparator.compare(throughput(windows(random, 18_000, 0.05)),
                    throughput(windows(random, 20_000, 0.05)), Thresholds.DEFAULT);
            if (c.verdict() == Verdict.REGRESSION) {
                detected++;
                assertThat(c.changePercent()).isBetween(-14.0, -6.0);
                assertThat(c.pValue()).isLessThan(0.01);
                assertThat(c.effectSize()).isLessThan(-0.5);
                assertThat(c.reason()).startsWith("fell by");
            }
        }
        assertThat(detected).isGreaterThanOrEqualTo(99);
    }

    @Test
    void aSmallSignificantChangeWithinTheThresholdIsNoSignificantChange() {
        SplittableRandom random = new SplittableRandom(11);
        MetricComparison c = RunComparator.compare(throughput(windows(random, 19_400, 0.005)),
                throughput(windows(random, 20_000, 0.005)), Thresholds.DEFAULT);
        assertThat(c.pValue()).isLessThan(0.01);
        assertThat(c.verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
        assertThat(c.reason()).contains("within the 5.0 % threshold");
    }

    @Test
    void latencyRegressesUpwardsAndImprovesDownwards() {
        SplittableRandom random = new SplittableRandom(3);
        double[] base = windows(random, 40, 0.05);
        double[] worse = windows(random, 50, 0.05);
        assertThat(RunComparator.compare(p99(worse), p99(base), Thresholds.DEFAULT).verdict()).isEqualTo(Verdict.REGRESSION);
        assertThat(RunComparator.compare(p99(base), p99(worse), Thresholds.DEFAULT).verdict()).isEqualTo(Verdict.IMPROVEMENT);
        // below the absolute floor a 50 % rise is not news
        double[] tiny = windows(random, 0.02, 0.05);
        double[] tinyWorse = windows(random, 0.03, 0.05);
        assertThat(RunComparator.compare(p99(tinyWorse), p99(tiny), Thresholds.DEFAULT).verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
    }

    @Test
    void thresholdsAreConfigurable() {
        SplittableRandom random = new SplittableRandom(5);
        double[] base = windows(random, 20_000, 0.005);
        double[] cand = windows(random, 19_000, 0.005);
        assertThat(RunComparator.compare(throughput(cand), throughput(base), Thresholds.DEFAULT).verdict()).isEqualTo(Verdict.REGRESSION);
        Thresholds lenient = new Thresholds(8, 10, 1, 10, 0.01);
        assertThat(RunComparator.compare(throughput(cand), throughput(base), lenient).verdict()).isEqualTo(Verdict.NO_SIGNIFICANT_CHANGE);
    }

    @Test
    void tooFewWindowsCannotBeTested() {
        MetricComparison c = RunComparator.compare(throughput(new double[] {1, 2}), throughput(new double[] {5, 6, 7}), Thresholds.DEFAULT);
        assertThat(c.verdict()).isEqualTo(Verdict.INSUFFICIENT_DATA);
        assertThat(c.reason()).contains("at least 3");
    }
}
