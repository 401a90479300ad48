package lab.performance.observatory.schemas;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.events.IotSensorReading;
import lab.performance.observatory.events.LogEvent;
import lab.performance.observatory.events.MarketData;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecordBase;

/** The bundled schema catalogue: each event type's schema, generated class and fingerprint. */
public final class EventSchemas {

    /** One writer schema known to this build. */
    public record Entry(DataType dataType, Schema schema, Class<? extends SpecificRecordBase> recordClass, long fingerprint) {
    }

    private static final Map<DataType, Entry> BY_TYPE = Stream.of(
                    entry(DataType.MARKET_DATA, MarketData.getClassSchema(), MarketData.class),
                    entry(DataType.IOT_SENSOR, IotSensorReading.getClassSchema(), IotSensorReading.class),
                    entry(DataType.LOG_EVENT, LogEvent.getClassSchema(), LogEvent.class))
            .collect(Collectors.toUnmodifiableMap(Entry::dataType, Function.identity()));

    private static final Map<Long, Entry> BY_FINGERPRINT = BY_TYPE.values().stream()
            .collect(Collectors.toUnmodifiableMap(Entry::fingerprint, Function.identity()));

    private EventSchemas() {
    }

    private static Entry entry(DataType type, Schema schema, Class<? extends SpecificRecordBase> recordClass) {
        return new Entry(type, schema, recordClass, SchemaNormalization.parsingFingerprint64(schema));
    }

    public static Entry of(DataType type) {
        return BY_TYPE.get(type);
    }

    public static Optional<Entry> byFingerprint(long fingerprint) {
        return Optional.ofNullable(BY_FINGERPRINT.get(fingerprint));
    }
}
