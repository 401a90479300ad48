package lab.performance.observatory.core.schedule;

/**
 * Spikes over any profile: each interval, with the given probability (seeded), the underlying
 * rate is multiplied for that interval.
 */
public final class SpikyRate extends IntervalRate {

    private final RateProfile base;
    private final double probability;
    private final double multiplier;
    private final long seed;

    public SpikyRate(RateProfile base, double probability, double multiplier, double intervalSeconds, long seed) {
        super(intervalSeconds);
        if (probability < 0 || probability > 1 || !(multiplier > 0)) {
            throw new IllegalArgumentException("need 0 ≤ probability ≤ 1 and multiplier > 0");
        }
        this.base = base;
        this.probability = probability;
        this.multiplier = multiplier;
        this.seed = seed;
    }

    /** Whether interval {@code i} is a spike. */
    public boolean spikes(long i) {
        return uniform(seed, i) < probability;
    }

    private double multiplierOf(long i) {
        return spikes(i) ? multiplier : 1;
    }

    @Override
    public double rateAt(double t) {
        return base.rateAt(t) * multiplierOf((long) Math.floor(t / intervalSeconds));
    }

    @Override
    protected double eventsInInterval(long i) {
        return multiplierOf(i) * (base.eventsBy((i + 1) * intervalSeconds) - base.eventsBy(i * intervalSeconds));
    }

    @Override
    protected double eventsWithin(long i, double dt) {
        double start = i * intervalSeconds;
        return multiplierOf(i) * (base.eventsBy(start + dt) - base.eventsBy(start));
    }

    @Override
    protected double timeWithin(long i, double events) {
        double start = i * intervalSeconds;
        double t = base.timeOfEvent(base.eventsBy(start) + events / multiplierOf(i)) - start;
        return Math.min(Math.max(t, 0), intervalSeconds);
    }
}
