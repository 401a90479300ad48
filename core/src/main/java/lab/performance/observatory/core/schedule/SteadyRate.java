package lab.performance.observatory.core.schedule;

/** A constant rate: event n is due at n / rate. */
public record SteadyRate(double rate) implements RateProfile {

    public SteadyRate {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be positive and finite: " + rate);
        }
    }

    @Override
    public double rateAt(double t) {
        return rate;
    }

    @Override
    public double eventsBy(double t) {
        return rate * t;
    }

    @Override
    public double timeOfEvent(double n) {
        return n / rate;
    }
}
