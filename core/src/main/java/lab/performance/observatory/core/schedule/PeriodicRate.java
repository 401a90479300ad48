package lab.performance.observatory.core.schedule;

/**
 * base + amplitude · sin(2πt / period). Its integral has a closed form; the inverse is found by a
 * safeguarded Newton iteration on it, accurate far below a nanosecond.
 */
public record PeriodicRate(double base, double amplitude, double periodSeconds) implements RateProfile {

    private static final double TOLERANCE = 1e-10;

    public PeriodicRate {
        if (!(base > 0) || amplitude < 0 || amplitude > base || !(periodSeconds > 0)) {
            throw new IllegalArgumentException("need base > 0, 0 ≤ amplitude ≤ base, period > 0: "
                    + base + ", " + amplitude + ", " + periodSeconds);
        }
    }

    @Override
    public double rateAt(double t) {
        return base + amplitude * Math.sin(2 * Math.PI * t / periodSeconds);
    }

    @Override
    public double eventsBy(double t) {
        return base * t + amplitude * periodSeconds / (2 * Math.PI) * (1 - Math.cos(2 * Math.PI * t / periodSeconds));
    }

    @Override
    public double timeOfEvent(double n) {
        if (n <= 0) {
            return 0;
        }
        // Λ(t) lies within base·t ± amplitude·period/π, which brackets the root
        double swing = amplitude * periodSeconds / Math.PI;
        double lo = Math.max(0, (n - swing) / base);
        double hi = (n + swing) / base;
        double t = n / base;
        for (int i = 0; i < 200; i++) {
            double f = eventsBy(t) - n;
            if (Math.abs(f) < TOLERANCE) {
                break;
            }
            if (f > 0) {
                hi = t;
            } else {
                lo = t;
            }
            double slope = rateAt(t);
            double next = slope > 0 ? t - f / slope : Double.NaN;
            t = next > lo && next < hi ? next : (lo + hi) / 2;
            if (hi - lo < 1e-13) {
                break;
            }
        }
        return t;
    }
}
