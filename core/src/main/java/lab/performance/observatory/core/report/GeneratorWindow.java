package lab.performance.observatory.core.report;

import java.time.Instant;
import lab.performance.observatory.core.spec.DataType;
import org.HdrHistogram.Histogram;

/**
 * Generator-side latency of one data source in one window (by actual send time), in microseconds:
 * schedule slip (actual − intended send) and publish (broker acknowledgement − actual send).
 */
public record GeneratorWindow(String source, DataType dataType, Instant windowStart, Histogram slipMicros,
                              Histogram publishMicros) {
}
