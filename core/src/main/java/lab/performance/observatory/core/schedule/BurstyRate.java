package lab.performance.observatory.core.schedule;

/** Repeating cycles: {@code quietSeconds} at the base rate, then {@code burstSeconds} at the burst rate. */
public record BurstyRate(double base, double burst, double burstSeconds, double quietSeconds) implements RateProfile {

    public BurstyRate {
        if (!(base > 0) || burst < 0 || !(burstSeconds > 0) || !(quietSeconds > 0)) {
            throw new IllegalArgumentException("need base > 0, burst ≥ 0 and positive phase lengths");
        }
    }

    private double cycleSeconds() {
        return quietSeconds + burstSeconds;
    }

    private double eventsPerCycle() {
        return base * quietSeconds + burst * burstSeconds;
    }

    @Override
    public double rateAt(double t) {
        double inCycle = t - Math.floor(t / cycleSeconds()) * cycleSeconds();
        return inCycle < quietSeconds ? base : burst;
    }

    @Override
    public double eventsBy(double t) {
        double cycles = Math.floor(t / cycleSeconds());
        double inCycle = t - cycles * cycleSeconds();
        double within = inCycle < quietSeconds
                ? base * inCycle
                : base * quietSeconds + burst * (inCycle - quietSeconds);
        return cycles * eventsPerCycle() + within;
    }

    @Override
    public double timeOfEvent(double n) {
        double cycles = Math.floor(n / eventsPerCycle());
        double remaining = n - cycles * eventsPerCycle();
        double quietEvents = base * quietSeconds;
        double within = remaining <= quietEvents
                ? remaining / base
                : quietSeconds + (remaining - quietEvents) / burst;
        return cycles * cycleSeconds() + within;
    }
}
