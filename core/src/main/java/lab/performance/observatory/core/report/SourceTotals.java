package lab.performance.observatory.core.report;

import lab.performance.observatory.core.spec.DataType;

/**
 * What the generator did for one data source: events it handed to the producer, events the broker
 * acknowledged, sends that failed, and the acknowledged payload bytes.
 */
public record SourceTotals(String source, DataType dataType, long sent, long acked, long failed, long ackedBytes) {
}
