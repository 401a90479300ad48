package lab.performance.observatory.core.report;

import lab.performance.observatory.core.spec.DataType;

/**
 * What the generator did for one data source: events it handed to the producer, events the broker
 * acknowledged, sends that failed, the acknowledged payload bytes, and how many of the sent were
 * corrupt records of its corrupt mix (which must all be dead-lettered).
 */
public record SourceTotals(String source, DataType dataType, long sent, long acked, long failed, long ackedBytes, long corrupt) {

    /** A source without a corrupt mix. */
    public SourceTotals(String source, DataType dataType, long sent, long acked, long failed, long ackedBytes) {
        this(source, dataType, sent, acked, failed, ackedBytes, 0);
    }
}
