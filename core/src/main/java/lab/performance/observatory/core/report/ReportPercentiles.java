package lab.performance.observatory.core.report;

import lab.performance.observatory.core.stats.LatencyHistograms;
import org.HdrHistogram.Histogram;

/** A latency histogram (microseconds) in a report's shape: milliseconds at the percentiles reports give. */
final class ReportPercentiles {

    private ReportPercentiles() {
    }

    /** A window's count and p50, p99, p99.9. */
    static RunReport.WindowLatency window(Histogram h) {
        return new RunReport.WindowLatency(h.getTotalCount(), LatencyHistograms.percentileMillis(h, 50),
                LatencyHistograms.percentileMillis(h, 99), LatencyHistograms.percentileMillis(h, 99.9));
    }

    /** The percentiles every report gives of a latency; max 0 when nothing was measured. */
    static RunReport.Percentiles of(Histogram h) {
        return new RunReport.Percentiles(h.getTotalCount(),
                LatencyHistograms.percentileMillis(h, 50),
                LatencyHistograms.percentileMillis(h, 90),
                LatencyHistograms.percentileMillis(h, 95),
                LatencyHistograms.percentileMillis(h, 99),
                LatencyHistograms.percentileMillis(h, 99.9),
                h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0);
    }
}
