package lab.performance.observatory.core.replay;

import java.util.Arrays;
import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * How closely one recording reproduces another (docs/load-profiles.md, "How faithful a replay is"):
 * the per-second event counts of both, each counted from its own first event so recordings that
 * started at different moments line up, the largest relative difference over the seconds both
 * cover in full after {@code warmupSeconds}, and a two-sample Kolmogorov-Smirnov test of the value
 * sizes. Sizes are whole bytes, so ties abound; the asymptotic p-value is then conservative.
 *
 * @param expected         events per second of the original, from its first event
 * @param actual           the same of the copy
 * @param fromSecond       the first second compared (after warm-up)
 * @param toSecond         one past the last second compared: the last whole second both have
 * @param maxRateDeviation largest |actual - expected| / expected over the compared seconds
 * @param worstSecond      the second where it is largest (-1 when none were compared)
 * @param sizeKsStatistic  the KS statistic D of the two size samples
 * @param sizeKsPValue     its p-value: the chance of a D this large if both came from one distribution
 */
public record ProfileComparison(long[] expected, long[] actual, int fromSecond, int toSecond, double maxRateDeviation, int worstSecond,
                                double sizeKsStatistic, double sizeKsPValue) {

    private static final long SECOND = 1_000_000_000L;

    public static ProfileComparison of(ReplayTrace original, ReplayTrace copy, int warmupSeconds) {
        if (original.events() == 0 || copy.events() == 0) {
            throw new IllegalArgumentException("both recordings need events to be compared (" + original.events() + " and "
                    + copy.events() + ")");
        }
        long[] expected = fromFirstEvent(original);
        long[] actual = fromFirstEvent(copy);
        // the last second of each is cut by the end of its recording, not by its rate
        int to = Math.min(expected.length, actual.length) - 1;
        double worst = 0;
        int worstSecond = -1;
        for (int s = warmupSeconds; s < to; s++) {
            double deviation = expected[s] == 0 ? (actual[s] == 0 ? 0 : Double.POSITIVE_INFINITY)
                    : Math.abs(actual[s] - expected[s]) / (double) expected[s];
            if (worstSecond < 0 || deviation > worst) {
                worst = deviation;
                worstSecond = s;
            }
        }
        KolmogorovSmirnovTest.TwoResult ks = KolmogorovSmirnovTest.withDefaults().with(PValueMethod.ASYMPTOTIC)
                .test(sizes(original), sizes(copy));
        return new ProfileComparison(expected, actual, warmupSeconds, Math.max(warmupSeconds, to), worst, worstSecond,
                ks.getStatistic(), ks.getPValue());
    }

    /** Seconds compared. */
    public int seconds() {
        return toSecond - fromSecond;
    }

    /** One line: the worst second and the size test. */
    public String describe() {
        return String.format("seconds %d-%d: worst %s (%d vs %d events/s, %.2f %%); sizes: KS D = %.4f, p = %.3f", fromSecond, toSecond,
                worstSecond < 0 ? "none" : "second " + worstSecond, worstSecond < 0 ? 0 : actual[worstSecond],
                worstSecond < 0 ? 0 : expected[worstSecond], maxRateDeviation * 100, sizeKsStatistic, sizeKsPValue)
                + " (expected " + Arrays.toString(expected) + ", actual " + Arrays.toString(actual) + ")";
    }

    private static long[] fromFirstEvent(ReplayTrace trace) {
        long first = trace.offsetNanos(0);
        long[] counts = new long[(int) ((trace.offsetNanos(trace.events() - 1) - first) / SECOND) + 1];
        for (int i = 0; i < trace.events(); i++) {
            counts[(int) ((trace.offsetNanos(i) - first) / SECOND)]++;
        }
        return counts;
    }

    private static double[] sizes(ReplayTrace trace) {
        double[] sizes = new double[trace.events()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = trace.valueBytes(i);
        }
        return sizes;
    }
}
