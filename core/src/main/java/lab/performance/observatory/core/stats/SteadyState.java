package lab.performance.observatory.core.stats;

import java.util.List;

/**
 * Where a series reaches steady state, by MSER-5 (White's Marginal Standard Error Rule on batch means
 * of five, as in Franklin and White, "Stationarity tests and MSER-5", 2008): the observations are
 * averaged in batches of five; for each truncation point d the statistic is the variance of the batch
 * means that remain divided by their count, (1 / (m − d)²) · Σ (Z_i − Z̄_d)²; the d that minimises it
 * is where the warm-up ends. Truncating more raises the statistic by leaving fewer batches, truncating
 * less by keeping the transient's spread. The candidates are the first half of the batches, as the
 * rule is used (near the end, a few batches that happen to agree would win whatever came before); a
 * minimum at the half means the series never settled within the run: the result says so
 * ({@link Result#settled()} false) and truncates nothing it cannot justify. Pure: the caller passes the series (docs/measurement.md, "Steady state").
 */
public final class SteadyState {

    /** Observations per batch. */
    public static final int BATCH = 5;
    /** Fewer batches than this say nothing about a transient. */
    public static final int MIN_BATCHES = 4;

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
        int best = 0;
        double bestStatistic = Double.POSITIVE_INFINITY;
        // the candidates are the first half, as MSER is used: near the end a few batches that happen to
        // agree give a statistic near 0 whatever came before
        int half = m / 2;
        for (int d = 0; d <= half; d++) {
            int k = m - d;
            double spread = Math.max(0, squares[d] - sum[d] * sum[d] / k);
            double statistic = spread / ((double) k * k);
            if (statistic < bestStatistic) { // ties: the earliest, which keeps the most data
                bestStatistic = statistic;
                best = d;
            }
        }
        boolean settled = best < half;
        return new Result(settled ? best * BATCH : 0, settled, n);
    }
}
