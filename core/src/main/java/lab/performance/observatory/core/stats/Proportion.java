package lab.performance.observatory.core.stats;

/**
 * A proportion estimated from counts, with its 95 % Wilson score interval: unlike the normal
 * approximation it stays inside [0, 1] and is honest for small counts and for shares near 0 or 1,
 * which is where profiles live (a method on top of 3 samples of 15). Pure.
 */
public record Proportion(long hits, long trials, double low, double high) {

    /** 1.96: the two-sided 95 % quantile of the normal distribution. */
    static final double Z = 1.959963984540054;

    public static Proportion of(long hits, long trials) {
        if (trials <= 0 || hits < 0 || hits > trials) {
            throw new IllegalArgumentException(hits + " of " + trials + " is not a proportion");
        }
        double n = trials;
        double p = hits / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Proportion(hits, trials, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    public double share() {
        return (double) hits / trials;
    }
}
