package lab.performance.observatory.schemas;

import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.events.IotSensorReading;
import lab.performance.observatory.events.LogEvent;
import lab.performance.observatory.events.LogLevel;
import lab.performance.observatory.events.MarketData;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The baseline strategy: Avro's {@link SpecificDatumReader} materialises a new generated object per
 * event (every string and array copied out of the record bytes), then the fields are read from it.
 */
final class CopyingEventDecoder implements EventDecoder {

    static {
        AvroLimits.applyDefaults();
    }

    // three schemas: a linear scan of primitive fingerprints beats a map (and boxes nothing)
    private final long[] fingerprints = new long[DataType.values().length];
    private final List<SpecificDatumReader<? extends SpecificRecordBase>> readers = new ArrayList<>();
    private BinaryDecoder decoder;

    CopyingEventDecoder() {
        for (DataType type : DataType.values()) {
            EventSchemas.Entry entry = EventSchemas.of(type);
            fingerprints[readers.size()] = entry.fingerprint();
            readers.add(new SpecificDatumReader<>(entry.schema(), entry.schema(), modelOf(entry.recordClass())));
        }
    }

    /**
     * The generated class's model, but resolving classes through the generated class's own loader:
     * Avro's default resolves through the loader of Avro itself, which under Quarkus can be a parent
     * loader that sees a second copy of the generated classes.
     */
    private static SpecificData modelOf(Class<? extends SpecificRecordBase> recordClass) {
        SpecificData model = new SpecificData(recordClass.getClassLoader());
        SpecificData.getForClass(recordClass).getConversions().forEach(model::addLogicalTypeConversion);
        return model;
    }

    @Override
    public DecodeStrategy strategy() {
        return DecodeStrategy.COPYING;
    }

    @Override
    public void decode(byte[] value, EventFields out) throws MalformedEventException {
        long fingerprint = SingleObjectFraming.readFingerprint(value);
        SpecificDatumReader<? extends SpecificRecordBase> reader = null;
        for (int i = 0; i < fingerprints.length; i++) {
            if (fingerprints[i] == fingerprint) {
                reader = readers.get(i);
                break;
            }
        }
        if (reader == null) {
            throw new MalformedEventException(MalformedEventException.Reason.UNKNOWN_SCHEMA,
                    String.format("no bundled schema has fingerprint %016x", fingerprint));
        }
        decoder = DecoderFactory.get().binaryDecoder(value, SingleObjectFraming.HEADER_LENGTH,
                value.length - SingleObjectFraming.HEADER_LENGTH, decoder);
        Object record;
        try {
            record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new MalformedEventException(MalformedEventException.Reason.TRAILING_BYTES,
                        "bytes left after a complete " + reader.getSchema().getName());
            }
        } catch (EOFException e) {
            throw new MalformedEventException(MalformedEventException.Reason.TRUNCATED,
                    "body ends inside a " + reader.getSchema().getName(), e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException
                 | NegativeArraySizeException | UnsupportedOperationException e) {
            throw new MalformedEventException(MalformedEventException.Reason.INVALID_BODY,
                    reader.getSchema().getName() + ": " + e, e);
        }
        read(record, out);
    }

    private static void read(Object record, EventFields out) {
        if (record instanceof MarketData m) {
            out.set(DataType.MARKET_DATA, micros(m.getTimestamp()), m.getPrice() * m.getVolume());
        } else if (record instanceof IotSensorReading r) {
            out.set(DataType.IOT_SENSOR, micros(r.getTimestamp()), r.getTemperature());
        } else {
            LogEvent e = (LogEvent) record;
            out.set(DataType.LOG_EVENT, micros(e.getTimestamp()), e.getLevel().ordinal() >= LogLevel.WARN.ordinal() ? 1 : 0);
        }
    }

    private static long micros(java.time.Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }
}
