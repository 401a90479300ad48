package lab.performance.observatory.schemas;

import lab.performance.observatory.core.spec.DataType;

/**
 * What the topology reads from every event, whatever the decode strategy: its type, its own
 * timestamp and one numeric measure per type (market data: price × volume; IoT: temperature;
 * logs: 1 for WARN and worse, else 0), plus how many payload bytes the strategy copied to get
 * there and whether it had to fall back to the copying path. Mutable and reused so decoding
 * allocates nothing of its own.
 */
public final class EventFields {

    private DataType dataType;
    private long timestampMicros;
    private double measure;
    private int payloadBytes;
    private int copiedBytes;
    private boolean fallback;

    public DataType dataType() {
        return dataType;
    }

    public long timestampMicros() {
        return timestampMicros;
    }

    public double measure() {
        return measure;
    }

    /** The Avro body's bytes: the value without its framing header. */
    public int payloadBytes() {
        return payloadBytes;
    }

    /** Payload bytes copied out of the record value while decoding it. */
    public int copiedBytes() {
        return copiedBytes;
    }

    /** Whether a zero-copy decode handed this event to the copying path (an unfamiliar writer schema). */
    public boolean fallback() {
        return fallback;
    }

    public void set(DataType dataType, long timestampMicros, double measure, int payloadBytes, int copiedBytes, boolean fallback) {
        this.dataType = dataType;
        this.timestampMicros = timestampMicros;
        this.measure = measure;
        this.payloadBytes = payloadBytes;
        this.copiedBytes = copiedBytes;
        this.fallback = fallback;
    }
}
