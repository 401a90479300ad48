package lab.performance.observatory.schemas;

import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.events.IotSensorReading;
import lab.performance.observatory.events.LogEvent;
import lab.performance.observatory.events.LogLevel;
import lab.performance.observatory.events.MarketData;
import lab.performance.observatory.events.RowChange;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The baseline strategy: Avro's {@link SpecificDatumReader} materialises a new generated object per
 * event (every string and array copied out of the record bytes), then the fields are read from it.
 */
public final class CopyingEventDecoder extends AvroResolvingDecoder<SpecificRecordBase> {

    CopyingEventDecoder(WriterSchemaResolver resolver) {
        super(resolver);
    }

    @Override
    public DecodeStrategy strategy() {
        return DecodeStrategy.COPYING;
    }

    /**
     * The generated class's model, but resolving classes through the generated class's own loader:
     * Avro's default resolves through the loader of Avro itself, which under Quarkus can be a parent
     * loader that sees a second copy of the generated classes.
     */
    @Override
    @SuppressWarnings("unchecked")
    DatumReader<SpecificRecordBase> newReader(Schema writer, Schema reader, DataType type) {
        Class<? extends SpecificRecordBase> recordClass = EventSchemas.recordClass(type);
        SpecificData model = new SpecificData(recordClass.getClassLoader());
        SpecificData.getForClass(recordClass).getConversions().forEach(model::addLogicalTypeConversion);
        return (DatumReader<SpecificRecordBase>) (DatumReader<?>) new SpecificDatumReader<>(writer, reader, model);
    }

    @Override
    void extract(SpecificRecordBase record, DataType type, EventFields out, int payloadBytes, boolean fallback) {
        int copied = (int) MaterialisedBytes.of(record);
        if (record instanceof MarketData m) {
            out.set(DataType.MARKET_DATA, micros(m.getTimestamp()), m.getPrice() * m.getVolume(), payloadBytes, copied, fallback);
        } else if (record instanceof IotSensorReading r) {
            out.set(DataType.IOT_SENSOR, micros(r.getTimestamp()), r.getTemperature(), payloadBytes, copied, fallback);
        } else if (record instanceof RowChange c) {
            out.set(DataType.CDC, micros(c.getTimestamp()), c.getRow().remaining(), payloadBytes, copied, fallback);
        } else {
            LogEvent e = (LogEvent) record;
            out.set(DataType.LOG_EVENT, micros(e.getTimestamp()), e.getLevel().ordinal() >= LogLevel.WARN.ordinal() ? 1 : 0,
                    payloadBytes, copied, fallback);
        }
    }

    private static long micros(java.time.Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
