package lab.performance.observatory.core.verdict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.statistics.inference.TTest;

/**
 * Change points in a metric's history by E-divisive means with a t-test, as Apache Otava (formerly
 * Hunter) does: the energy statistic of Matteson and James proposes the split that best separates
 * a segment's distributions; Welch's t-test between the two sides decides whether it is real (p,
 * Bonferroni-corrected for the number of splits the statistic chose from, below the threshold); accepted splits are searched again on both sides. Pure; ours because
 * no maintained Java library has it (docs/architecture.md, "Measurement").
 */
public final class ChangePoints {

    /** A step in the series before index {@code index}: means on either side and the change between them. */
    public record ChangePoint(int index, double pValue, double meanBefore, double meanAfter, double changePercent) {
    }

    private ChangePoints() {
    }

    /**
     * @param minSegment the fewest points a side of a split may have (at least 2, so each side has a variance)
     */
    public static List<ChangePoint> detect(double[] series, double pValueThreshold, int minSegment) {
        if (minSegment < 2) {
            throw new IllegalArgumentException("minSegment must be at least 2");
        }
        List<ChangePoint> found = new ArrayList<>();
        split(series, 0, series.length, pValueThreshold, minSegment, found);
        found.sort(Comparator.comparingInt(ChangePoint::index));
        return found;
    }

    private static void split(double[] x, int from, int to, double threshold, int minSegment, List<ChangePoint> found) {
        if (to - from < 2 * minSegment) {
            return;
        }
        int best = -1;
        double bestQ = Double.NEGATIVE_INFINITY;
        for (int tau = from + minSegment; tau <= to - minSegment; tau++) {
            double q = energy(x, from, tau, to);
            if (q > bestQ) {
                bestQ = q;
                best = tau;
            }
        }
        double[] left = Arrays.copyOfRange(x, from, best);
        double[] right = Arrays.copyOfRange(x, best, to);
        // the split was chosen as the best of many, so its raw p-value flatters it: Bonferroni over the candidates
        int candidates = to - from - 2 * minSegment + 1;
        double p = Math.min(1, pValue(left, right) * candidates);
        if (p < threshold) {
            double before = mean(left);
            double after = mean(right);
            found.add(new ChangePoint(best, p, before, after, before == 0 ? 0 : (after - before) / Math.abs(before) * 100));
            split(x, from, best, threshold, minSegment, found);
            split(x, best, to, threshold, minSegment, found);
        }
    }

    /**
     * The scaled energy distance between x[from, tau) and x[tau, to) (alpha = 1): large when the two
     * sides come from different distributions.
     */
    static double energy(double[] x, int from, int tau, int to) {
        int m = tau - from;
        int n = to - tau;
        double between = 0;
        for (int i = from; i < tau; i++) {
            for (int j = tau; j < to; j++) {
                between += Math.abs(x[i] - x[j]);
            }
        }
        double withinLeft = within(x, from, tau);
        double withinRight = within(x, tau, to);
        double e = 2 * between / ((double) m * n)
                - (m > 1 ? withinLeft / (m * (m - 1) / 2.0) : 0)
                - (n > 1 ? withinRight / (n * (n - 1) / 2.0) : 0);
        return (double) m * n / (m + n) * e;
    }

    private static double within(double[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            for (int k = i + 1; k < to; k++) {
                sum += Math.abs(x[i] - x[k]);
            }
        }
        return sum;
    }

    /** Welch's two-sided t-test; two constant sides are certain when they differ and identical when not. */
    static double pValue(double[] a, double[] b) {
        if (variance(a) == 0 && variance(b) == 0) {
            return mean(a) == mean(b) ? 1 : 0;
        }
        return TTest.withDefaults().test(a, b).getPValue();
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(0);
    }

    private static double variance(double[] v) {
        double mean = mean(v);
        return Arrays.stream(v).map(d -> (d - mean) * (d - mean)).sum();
    }
}
