package lab.performance.observatory.schemas;

import lab.performance.observatory.core.spec.DataType;

/**
 * What the topology reads from every event, whatever the decode strategy: its type, its own
 * timestamp and one numeric measure per type (market data: price × volume; IoT: temperature;
 * logs: 1 for WARN and worse, else 0). Mutable and reused so decoding allocates nothing of its own.
 */
public final class EventFields {

    private DataType dataType;
    private long timestampMicros;
    private double measure;

    public DataType dataType() {
        return dataType;
    }

    public long timestampMicros() {
        return timestampMicros;
    }

    public double measure() {
        return measure;
    }

    public void set(DataType dataType, long timestampMicros, double measure) {
        this.dataType = dataType;
        this.timestampMicros = timestampMicros;
        this.measure = measure;
    }
}
