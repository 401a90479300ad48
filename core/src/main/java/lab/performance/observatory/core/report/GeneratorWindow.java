package lab.performance.observatory.core.report;

import java.time.Instant;
import lab.performance.observatory.core.spec.DataType;
import org.HdrHistogram.Histogram;

/**
 * Generator-side latency of one data source in one window (by actual send time), in microseconds:
 * schedule slip (actual − intended send) and publish (broker acknowledgement − actual send; for a
 * CDC source the row's commit − its write). A CDC source also has commit-to-Kafka (the change's
 * broker acknowledgement − its transaction's commit, by commit time; docs/cdc.md), empty otherwise.
 */
public record GeneratorWindow(String source, DataType dataType, Instant windowStart, Histogram slipMicros,
                              Histogram publishMicros, Histogram commitToKafkaMicros) {

    /** A window of a source that is not CDC. */
    public GeneratorWindow(String source, DataType dataType, Instant windowStart, Histogram slipMicros, Histogram publishMicros) {
        this(source, dataType, windowStart, slipMicros, publishMicros, lab.performance.observatory.core.stats.LatencyHistograms.newHistogram());
    }

    /** This window and another part of it (same source and start) added up: histograms add exactly. */
    public GeneratorWindow plus(GeneratorWindow other) {
        if (!source.equals(other.source) || !windowStart.equals(other.windowStart)) {
            throw new IllegalArgumentException("window " + other.source + "@" + other.windowStart + " is not a part of " + source + "@" + windowStart);
        }
        return new GeneratorWindow(source, dataType, windowStart, sum(slipMicros, other.slipMicros), sum(publishMicros, other.publishMicros),
                sum(commitToKafkaMicros, other.commitToKafkaMicros));
    }

    private static Histogram sum(Histogram a, Histogram b) {
        Histogram out = lab.performance.observatory.core.stats.LatencyHistograms.newHistogram();
        out.add(a);
        out.add(b);
        return out;
    }
}
