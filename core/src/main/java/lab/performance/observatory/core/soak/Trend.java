package lab.performance.observatory.core.soak;

import java.util.List;

/**
 * The least-squares line through a series of (seconds, value) points: its slope per second, its
 * intercept and R², the share of the variance the line explains (0 for a flat or a single-valued
 * series, where there is nothing to explain).
 */
public record Trend(int points, double slopePerSecond, double intercept, double rSquared) {

    /** One reading: seconds since the start of the soak's window, and the value then. */
    public record Point(double seconds, double value) {
    }

    public static Trend fit(List<Point> points) {
        int n = points.size();
        if (n == 0) {
            return new Trend(0, 0, 0, 0);
        }
        double meanX = 0;
        double meanY = 0;
        for (Point p : points) {
            meanX += p.seconds();
            meanY += p.value();
        }
        meanX /= n;
        meanY /= n;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (Point p : points) {
            double dx = p.seconds() - meanX;
            double dy = p.value() - meanY;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        if (sxx == 0) {
            return new Trend(n, 0, meanY, 0);
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 0 : (sxy * sxy) / (sxx * syy);
        return new Trend(n, slope, meanY - slope * meanX, r2);
    }

    public double slopePerHour() {
        return slopePerSecond * 3600;
    }
}
