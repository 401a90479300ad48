package lab.performance.observatory.core.stats;

import java.util.List;

/**
 * Where a series reaches steady state, by MSER-5 (White's Marginal Standard Error Rule on batch means
 * of five, as in Franklin and White, "Stationarity tests and MSER-5", 2008): the observations are
 * averaged in batches of five; for each truncation point d the statistic is the variance of the batch
 * means that remain divided by their count, (1 / (m − d)²) · Σ (Z_i − Z̄_d)²; the d that minimises it
 * is where the warm-up ends. Truncating more raises the statistic by leaving fewer batches, truncating
 * less by keeping the transient's spread. The candidates are the first half of the batches, as the
 * rule is used (near the end, a few batches that happen to agree would win whatever came before). A
 * minimum at the half is either a series still moving or a few tight batches there by chance: the
 * best cut before the half stands when what it leaves does not drift (its halves' means within two
 * standard errors); otherwise the series never settled within the run, the result says so
 * ({@link Result#settled()} false) and truncates nothing it cannot justify. Pure: the caller passes the series (docs/measurement.md, "Steady state").
 */
public final class SteadyState {

    /** Observations per batch. */
    public static final int BATCH = 5;
    /** Fewer batches than this say nothing about a transient. */
    public static final int MIN_BATCHES = 4;
    /** Standard errors between the halves of what a cut leaves that make it a drift (about 95 % two-sided). */
    static final double DRIFT_T = 2.0;

    private SteadyState() {
    }

    /**
     * @param truncated    observations to drop from the start (a multiple of {@link #BATCH})
     * @param settled      whether the minimum lies before the half, where MSER-5's choice is trusted
     * @param observations how many the series had
     */
    public record Result(int truncated, boolean settled, int observations) {

        /** Too short to judge: nothing truncated, not known to have settled. */
        static Result tooShort(int n) {
            return new Result(0, false, n);
        }
    }

    /** The MSER-5 truncation point of {@code series}, in observations; NaN and infinite values are refused. */
    public static Result mser5(List<Double> series) {
        int n = series.size();
        int m = n / BATCH;
        if (m < MIN_BATCHES) {
            return Result.tooShort(n);
        }
        double[] z = new double[m];
        for (int b = 0; b < m; b++) {
            double sum = 0;
            for (int i = 0; i < BATCH; i++) {
                double v = series.get(b * BATCH + i);
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("observation " + (b * BATCH + i) + " is not a number: " + v);
                }
                sum += v;
            }
            z[b] = sum / BATCH;
        }
        // suffix sums make every d's statistic O(1): Σ(Z − Z̄)² = Σ Z² − (Σ Z)² / k over the last k batches
        double[] sum = new double[m + 1];
        double[] squares = new double[m + 1];
        for (int i = m - 1; i >= 0; i--) {
            sum[i] = sum[i + 1] + z[i];
            squares[i] = squares[i + 1] + z[i] * z[i];
        }
        int half = m / 2;
        // the candidates are the first half, as MSER is used: near the end a few batches that happen to
        // agree give a statistic near 0 whatever came before
        int best = argmin(sum, squares, m, 0, half);
        boolean settled = true;
        if (best == half) {
            // the minimum at the edge: the series may still be moving, or a few tight batches at the
            // half won by chance; the best cut before the edge stands if what it leaves has no drift
            best = argmin(sum, squares, m, 0, half - 1);
            settled = !drifts(z, best);
        }
        return new Result(settled ? best * BATCH : 0, settled, n);
    }

    /** The d in [from, to] with the smallest MSER statistic; ties: the earliest, which keeps the most data. */
    private static int argmin(double[] sum, double[] squares, int m, int from, int to) {
        int best = from;
        double bestStatistic = Double.POSITIVE_INFINITY;
        for (int d = from; d <= to; d++) {
            int k = m - d;
            double spread = Math.max(0, squares[d] - sum[d] * sum[d] / k);
            double statistic = spread / ((double) k * k);
            if (statistic < bestStatistic) {
                bestStatistic = statistic;
                best = d;
            }
        }
        return best;
    }

    /**
     * Whether the batches from {@code d} on drift: the means of their first and second halves differ
     * by more than {@link #DRIFT_T} standard errors (Welch's t), or there are too few to tell.
     */
    static boolean drifts(double[] z, int d) {
        int k = z.length - d;
        int n1 = k / 2;
        int n2 = k - n1;
        if (n1 < 2) {
            return true;
        }
        double m1 = mean(z, d, d + n1);
        double m2 = mean(z, d + n1, z.length);
        double v1 = variance(z, d, d + n1, m1);
        double v2 = variance(z, d + n1, z.length, m2);
        double se = Math.sqrt(v1 / n1 + v2 / n2);
        return se == 0 ? m1 != m2 : Math.abs(m1 - m2) / se > DRIFT_T;
    }

    private static double mean(double[] z, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += z[i];
        }
        return s / (to - from);
    }

    private static double variance(double[] z, int from, int to, double mean) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (z[i] - mean) * (z[i] - mean);
        }
        return s / (to - from - 1);
    }
}
