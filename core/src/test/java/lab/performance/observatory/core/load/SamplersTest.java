package lab.performance.observatory.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import lab.performance.observatory.core.spec.KeyDistribution;
import lab.performance.observatory.core.spec.SizeDistribution;
import org.junit.jupiter.api.Test;

class SamplersTest {

    static int[] histogram(KeySampler sampler, int draws) {
        int[] counts = new int[sampler.cardinality()];
        for (int i = 0; i < draws; i++) {
            counts[sampler.next()]++;
        }
        return counts;
    }

    @Test
    void sequentialKeysCycleThroughTheKeySpace() {
        KeySampler keys = KeySampler.of(new KeyDistribution(KeyDistribution.Kind.SEQUENTIAL, 3, 1), new SplittableRandom(1));
        assertThat(new int[] {keys.next(), keys.next(), keys.next(), keys.next(), keys.next()}).containsExactly(0, 1, 2, 0, 1);
    }

    @Test
    void uniformKeysCoverTheKeySpaceEvenly() {
        int[] counts = histogram(KeySampler.of(new KeyDistribution(KeyDistribution.Kind.UNIFORM, 10, 1), new SplittableRandom(2)), 100_000);
        for (int c : counts) {
            assertThat(c).isBetween(9_400, 10_600);
        }
    }

    @Test
    void zipfKeysFollowThePowerLaw() {
        double s = 1.2;
        int n = 100;
        int draws = 400_000;
        int[] counts = histogram(KeySampler.of(new KeyDistribution(KeyDistribution.Kind.ZIPF, n, s), new SplittableRandom(3)), draws);
        double norm = 0;
        for (int k = 1; k <= n; k++) {
            norm += Math.pow(k, -s);
        }
        for (int k = 1; k <= 10; k++) {
            double expected = draws * Math.pow(k, -s) / norm;
            assertThat((double) counts[k - 1]).as("rank %d", k).isCloseTo(expected, within(expected * 0.05 + 50));
        }
        assertThat(counts[0]).isGreaterThan(counts[1]).isGreaterThan(counts[9]);
    }

    @Test
    void zipfWithExponentOneAndAHugeKeySpaceStaysInRange() {
        KeySampler keys = KeySampler.of(new KeyDistribution(KeyDistribution.Kind.ZIPF, 10_000_000, 1.0), new SplittableRandom(4));
        int hot = 0;
        for (int i = 0; i < 100_000; i++) {
            int k = keys.next();
            assertThat(k).isBetween(0, 9_999_999);
            if (k == 0) {
                hot++;
            }
        }
        // H(10^7) ≈ 16.7: the hottest key takes about 6 % of draws
        assertThat(hot).isBetween(5_000, 7_000);
    }

    @Test
    void uniformSizesSpanTheRangeInclusive() {
        SizeSampler sizes = new SizeSampler(new SizeDistribution(100, 104, SizeDistribution.Shape.UNIFORM), new SplittableRandom(5));
        int[] seen = new int[5];
        for (int i = 0; i < 10_000; i++) {
            seen[sizes.next() - 100]++;
        }
        for (int c : seen) {
            assertThat(c).isBetween(1_800, 2_200);
        }
    }

    @Test
    void normalSizesCentreOnTheMidpointWithinBounds() {
        SizeSampler sizes = new SizeSampler(new SizeDistribution(100, 700, SizeDistribution.Shape.NORMAL), new SplittableRandom(6));
        double sum = 0;
        double sumSquares = 0;
        int n = 50_000;
        for (int i = 0; i < n; i++) {
            int size = sizes.next();
            assertThat(size).isBetween(100, 700);
            sum += size;
            sumSquares += (double) size * size;
        }
        double mean = sum / n;
        double sd = Math.sqrt(sumSquares / n - mean * mean);
        assertThat(mean).isCloseTo(400, within(3.0));
        assertThat(sd).isCloseTo(100, within(3.0));
        assertThat(new SizeSampler(new SizeDistribution(64, 64, SizeDistribution.Shape.NORMAL), new SplittableRandom(7)).next()).isEqualTo(64);
    }
}
