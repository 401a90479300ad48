package lab.performance.observatory.schemas;

import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.events.LogLevel;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;

/**
 * Avro's {@link GenericDatumReader}: a {@link GenericRecord} per event, fields looked up by name,
 * no generated classes (timestamps stay epoch-micro longs, strings stay Avro's Utf8).
 */
public final class GenericEventDecoder extends AvroResolvingDecoder<GenericRecord> {

    private static final int WARN = LogLevel.WARN.ordinal();

    GenericEventDecoder(WriterSchemaResolver resolver) {
        super(resolver);
    }

    @Override
    public DecodeStrategy strategy() {
        return DecodeStrategy.GENERIC;
    }

    @Override
    DatumReader<GenericRecord> newReader(Schema writer, Schema reader, DataType type) {
        return new GenericDatumReader<>(writer, reader, GenericData.get());
    }

    @Override
    void extract(GenericRecord record, DataType type, EventFields out, int payloadBytes, boolean fallback) {
        long timestamp = (Long) record.get("timestamp");
        double measure = switch (type) {
            case MARKET_DATA -> (Double) record.get("price") * (Long) record.get("volume");
            case IOT_SENSOR -> (Double) record.get("temperature");
            case LOG_EVENT -> {
                GenericEnumSymbol<?> level = (GenericEnumSymbol<?>) record.get("level");
                yield level.getSchema().getEnumOrdinal(level.toString()) >= WARN ? 1 : 0;
            }
            case CDC -> ((java.nio.ByteBuffer) record.get("row")).remaining();
        };
        out.set(type, timestamp, measure, payloadBytes, (int) MaterialisedBytes.of(record), fallback);
    }
}
