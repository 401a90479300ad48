package lab.performance.observatory.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.events.IotSensorReading;
import lab.performance.observatory.events.LogEvent;
import lab.performance.observatory.events.MarketData;
import lab.performance.observatory.events.RowChange;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The bundled schema catalogue: every version of every event type's schema, its fingerprint, and
 * the generated class of the current version (the reader schema everything resolves to).
 * Versions only ever add fields at the end, with defaults, so older writers stay readable.
 */
public final class EventSchemas {

    public static final int CURRENT_VERSION = 2;

    private static final Map<DataType, Class<? extends SpecificRecordBase>> CLASSES = new EnumMap<>(Map.of(
            DataType.MARKET_DATA, MarketData.class,
            DataType.IOT_SENSOR, IotSensorReading.class,
            DataType.LOG_EVENT, LogEvent.class,
            DataType.CDC, RowChange.class));
    private static final Map<DataType, List<WriterSchema>> VERSIONS = new EnumMap<>(DataType.class);
    private static final Map<Long, WriterSchema> BY_FINGERPRINT = new HashMap<>();
    /** The same as BY_FINGERPRINT, scanned without boxing on the per-record path. */
    private static final long[] FINGERPRINTS;
    private static final WriterSchema[] WRITERS;
    private static final Map<String, DataType> BY_RECORD_NAME = new HashMap<>();

    static {
        for (DataType type : DataType.values()) {
            List<WriterSchema> versions = new ArrayList<>();
            for (int v = type.firstSchemaVersion(); v < CURRENT_VERSION; v++) {
                versions.add(writer(type, v, parse("/avro/history/" + type.wireName() + "-v" + v + ".avsc")));
            }
            versions.add(writer(type, CURRENT_VERSION, readerSchema(type)));
            VERSIONS.put(type, List.copyOf(versions));
            versions.forEach(w -> BY_FINGERPRINT.put(w.fingerprint(), w));
            BY_RECORD_NAME.put(readerSchema(type).getFullName(), type);
        }
        WRITERS = BY_FINGERPRINT.values().toArray(WriterSchema[]::new);
        FINGERPRINTS = new long[WRITERS.length];
        for (int i = 0; i < WRITERS.length; i++) {
            FINGERPRINTS[i] = WRITERS[i].fingerprint();
        }
    }

    private EventSchemas() {
    }

    private static WriterSchema writer(DataType type, int version, Schema schema) {
        return new WriterSchema(type, version, schema, SchemaNormalization.parsingFingerprint64(schema));
    }

    private static Schema parse(String resource) {
        try (InputStream in = EventSchemas.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + resource + " is missing from the jar");
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The generated class of the current version. */
    public static Class<? extends SpecificRecordBase> recordClass(DataType type) {
        return CLASSES.get(type);
    }

    /** The schema everything is read as: the current version's. */
    public static Schema readerSchema(DataType type) {
        return switch (type) {
            case MARKET_DATA -> MarketData.getClassSchema();
            case IOT_SENSOR -> IotSensorReading.getClassSchema();
            case LOG_EVENT -> LogEvent.getClassSchema();
            case CDC -> RowChange.getClassSchema();
        };
    }

    public static WriterSchema current(DataType type) {
        return version(type, CURRENT_VERSION);
    }

    public static WriterSchema version(DataType type, int version) {
        if (version < type.firstSchemaVersion() || version > CURRENT_VERSION) {
            throw new IllegalArgumentException(type.wireName() + " has versions " + type.firstSchemaVersion() + " to " + CURRENT_VERSION
                    + ", not " + version);
        }
        return VERSIONS.get(type).get(version - type.firstSchemaVersion());
    }

    public static Optional<WriterSchema> byFingerprint(long fingerprint) {
        return Optional.ofNullable(bundled(fingerprint));
    }

    /** The bundled writer schema with this fingerprint, or null; allocates nothing. */
    static WriterSchema bundled(long fingerprint) {
        for (int i = 0; i < FINGERPRINTS.length; i++) {
            if (FINGERPRINTS[i] == fingerprint) {
                return WRITERS[i];
            }
        }
        return null;
    }

    /**
     * What a schema from elsewhere (a registry) is: a bundled version if its canonical form equals
     * one, otherwise a foreign writer of the event type its record name says; empty if it is no
     * event type at all.
     */
    public static Optional<WriterSchema> identify(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        WriterSchema bundled = BY_FINGERPRINT.get(fingerprint);
        if (bundled != null) {
            return Optional.of(bundled);
        }
        return Optional.ofNullable(BY_RECORD_NAME.get(schema.getFullName()))
                .map(type -> new WriterSchema(type, WriterSchema.FOREIGN, schema, fingerprint));
    }
}
