package lab.performance.observatory.core.schedule;

/** Every interval a new rate drawn uniformly from [min, max]; the same seed gives the same run. */
public final class ChaosRate extends IntervalRate {

    private final double minRate;
    private final double maxRate;
    private final long seed;

    public ChaosRate(double minRate, double maxRate, double intervalSeconds, long seed) {
        super(intervalSeconds);
        if (minRate < 0 || !(maxRate > 0) || minRate > maxRate) {
            throw new IllegalArgumentException("need 0 ≤ min ≤ max and max > 0: " + minRate + ", " + maxRate);
        }
        this.minRate = minRate;
        this.maxRate = maxRate;
        this.seed = seed;
    }

    private double rateOf(long i) {
        return minRate + (maxRate - minRate) * uniform(seed, i);
    }

    @Override
    public double rateAt(double t) {
        return rateOf((long) Math.floor(t / intervalSeconds));
    }

    @Override
    protected double eventsInInterval(long i) {
        return rateOf(i) * intervalSeconds;
    }

    @Override
    protected double eventsWithin(long i, double dt) {
        return rateOf(i) * dt;
    }

    @Override
    protected double timeWithin(long i, double events) {
        return events / rateOf(i);
    }
}
