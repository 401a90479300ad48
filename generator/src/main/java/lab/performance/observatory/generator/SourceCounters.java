package lab.performance.observatory.generator;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import lab.performance.observatory.core.report.SourceTotals;
import lab.performance.observatory.core.spec.DataSourceSpec;

/** Live counts of one data source: written by its sender and the producer's callbacks, read by progress. */
public final class SourceCounters {

    private final DataSourceSpec source;
    final AtomicLong sent = new AtomicLong();
    final LongAdder acked = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder ackedBytes = new LongAdder();
    final AtomicLong maxSlipNanos = new AtomicLong();

    public SourceCounters(DataSourceSpec source) {
        this.source = source;
    }

    public DataSourceSpec source() {
        return source;
    }

    public long sent() {
        return sent.get();
    }

    public long acked() {
        return acked.sum();
    }

    public long failed() {
        return failed.sum();
    }

    /** The latest any event of this source was sent after its intended time. */
    public long maxSlipNanos() {
        return maxSlipNanos.get();
    }

    void recordSlip(long slipNanos) {
        if (slipNanos > maxSlipNanos.get()) {
            maxSlipNanos.accumulateAndGet(slipNanos, Math::max);
        }
    }

    public SourceTotals totals() {
        return new SourceTotals(source.name(), source.dataType(), sent(), acked(), failed(), ackedBytes.sum());
    }
}
