package lab.performance.observatory.generator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lab.performance.observatory.core.load.KeySampler;
import lab.performance.observatory.core.load.SizeSampler;
import lab.performance.observatory.core.load.SizeSource;
import lab.performance.observatory.core.replay.ReplayDraws;
import lab.performance.observatory.core.schedule.ReplayRate;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.events.IotSensorReading;
import lab.performance.observatory.events.LogEvent;
import lab.performance.observatory.events.LogLevel;
import lab.performance.observatory.events.MarketData;
import lab.performance.observatory.schemas.AvroBinarySizes;
import lab.performance.observatory.schemas.CorruptRecords;
import lab.performance.observatory.schemas.EventEncoder;
import lab.performance.observatory.schemas.EventSchemas;
import lab.performance.observatory.schemas.SingleObjectFraming;
import lab.performance.observatory.schemas.WriterSchema;

/**
 * Builds a data source's events: realistic field values, keys from its key distribution, and a
 * framed size drawn from its size distribution. The variable-size field of each type (market
 * metadata, IoT readings and raw data, log message) is sized so the encoded event hits the drawn
 * size exactly, or one byte under where a length prefix grows by a byte. Seeded: the same spec
 * gives the same events. Not thread-safe.
 */
public abstract class EventFactory {

    /** The key and value of the event just built; reused between calls. */
    public static final class Event {
        public byte[] key;
        public byte[] value;
        public int targetBytes;
        /** Whether {@link #value} is a corrupt record of the source's corrupt mix rather than an event. */
        public boolean corrupt;
    }

    private static final int PAD_POOL_BYTES = 1 << 17;
    /** Padding strings up to this length are made once per length and variant, then reused. */
    static final int CACHED_PADDING = 4096;
    static final int PADDING_VARIANTS = 4;

    protected final SplittableRandom random;
    protected final KeySampler keys;
    private final SizeSource sizes;
    private final EventEncoder encoder;
    /** Bytes every event spends before its key field: the framing header. */
    final int headerBytes;
    /** Bytes of the fields newer versions add: each written as the null branch of its union. */
    final int addedFieldBytes;
    private final byte[] pool;
    private final String[] paddings = new String[CACHED_PADDING * PADDING_VARIANTS];
    private final Event event = new Event();
    private final DataType type;
    private final double corruptFraction;
    private final SplittableRandom corruptDraws;
    private final CorruptRecords corruptRecords;
    private int nextCorruption;

    EventFactory(DataSourceSpec source, long seed, byte[] frameHeader, ReplayRate replay) {
        WriterSchema writer = EventSchemas.version(source.dataType(), source.schemaVersion());
        this.encoder = new EventEncoder(writer, frameHeader);
        this.headerBytes = frameHeader.length;
        this.addedFieldBytes = writer.schema().getFields().size()
                - EventSchemas.version(source.dataType(), source.dataType().firstSchemaVersion()).schema().getFields().size();
        this.random = new SplittableRandom(seed);
        // a replay takes its keys and sizes from the recording; the seed still draws every field value
        KeySampler sampledKeys = KeySampler.of(source.keyDistribution(), random.split());
        SizeSource sampledSizes = new SizeSampler(source.sizeDistribution(), random.split());
        this.keys = replay == null ? sampledKeys : ReplayDraws.keys(replay);
        this.sizes = replay == null ? sampledSizes : ReplayDraws.sizes(replay);
        this.type = source.dataType();
        this.corruptFraction = source.corruptFraction();
        // a stream of its own: a corrupt mix leaves the valid events exactly as they are without one
        this.corruptDraws = new SplittableRandom(seed ^ 0xC0FFEE_BADL);
        this.corruptRecords = corruptFraction > 0 ? new CorruptRecords(new java.util.Random(seed ^ 0xBAD_C0DEL)) : null;
        this.pool = new byte[PAD_POOL_BYTES];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = (byte) ('!' + random.nextInt(94)); // printable ASCII: one byte per char in UTF-8
        }
    }

    /** Events in single-object framing. */
    public static EventFactory of(DataSourceSpec source, long seed) {
        WriterSchema writer = EventSchemas.version(source.dataType(), source.schemaVersion());
        return of(source, seed, SingleObjectFraming.header(writer.fingerprint()));
    }

    /** Events behind the given framing header (single-object or registry). */
    public static EventFactory of(DataSourceSpec source, long seed, byte[] frameHeader) {
        return of(source, seed, frameHeader, null);
    }

    /** @param replay the schedule of a replay source, whose recording gives each event's size and key; null: the spec's distributions */
    public static EventFactory of(DataSourceSpec source, long seed, byte[] frameHeader, ReplayRate replay) {
        return switch (source.dataType()) {
            case MARKET_DATA -> new MarketDataFactory(source, seed, frameHeader, replay);
            case IOT_SENSOR -> new IotSensorFactory(source, seed, frameHeader, replay);
            case LOG_EVENT -> new LogEventFactory(source, seed, frameHeader, replay);
            case CDC -> new RowChangeFactory(source, seed, frameHeader, replay);
        };
    }

    /** The next event, its own timestamp set to {@code eventTimeMicros}. */
    public Event next(long eventTimeMicros) {
        int target = sizes.next();
        String key = key(keys.next());
        event.key = key.getBytes(StandardCharsets.UTF_8);
        event.targetBytes = target;
        event.value = encoder.encode(build(key, eventTimeMicros, target));
        event.corrupt = corruptRecords != null && corruptDraws.nextDouble() < corruptFraction;
        if (event.corrupt) { // each class in turn, so a short run has every one
            CorruptRecords.Corruption corruption = CorruptRecords.Corruption.values()[nextCorruption];
            nextCorruption = (nextCorruption + 1) % CorruptRecords.Corruption.values().length;
            event.value = corruptRecords.corrupt(corruption, type, event.value);
        }
        return event;
    }

    abstract String key(int index);

    abstract org.apache.avro.specific.SpecificRecordBase build(String key, long eventTimeMicros, int targetBytes);

    /**
     * The largest length whose string or bytes field fits in {@code budget} encoded bytes
     * (length prefix included); -1 if not even an empty one fits.
     */
    static int lengthFitting(int budget) {
        if (budget < 1) {
            return -1;
        }
        int length = budget - AvroBinarySizes.longSize(budget);
        while (AvroBinarySizes.bytesSize(length + 1) <= budget) {
            length++;
        }
        while (length > 0 && AvroBinarySizes.bytesSize(length) > budget) {
            length--;
        }
        return Math.max(length, 0);
    }

    /** Printable text of {@code length} bytes, drawn from a random pool. */
    String padding(int length) {
        if (length >= CACHED_PADDING) {
            return freshPadding(length);
        }
        int slot = length * PADDING_VARIANTS + random.nextInt(PADDING_VARIANTS);
        String cached = paddings[slot];
        if (cached == null) {
            cached = freshPadding(length);
            paddings[slot] = cached;
        }
        return cached;
    }

    private String freshPadding(int length) {
        return new String(pool, random.nextInt(pool.length - length + 1), length, StandardCharsets.ISO_8859_1);
    }

    ByteBuffer paddingBytes(int length) {
        return ByteBuffer.wrap(pool, random.nextInt(pool.length - length + 1), length);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    }

    /** The framing header, the key field, and the null unions of the fields newer versions add. */
    int headerKeyAndAdded(int keyLength) {
        return headerBytes + AvroBinarySizes.bytesSize(keyLength) + addedFieldBytes;
    }

    /** Symbols are 3 to 5 upper-case letters: AAA, AAB, ... enough for ten million instruments. */
    static final class MarketDataFactory extends EventFactory {
        private final MarketData record = new MarketData();

        MarketDataFactory(DataSourceSpec source, long seed, byte[] frameHeader, ReplayRate replay) {
            super(source, seed, frameHeader, replay);
        }

        @Override
        String key(int index) {
            char[] letters = new char[index < 26 * 26 * 26 ? 3 : index < 26 * 26 * 26 * 26 ? 4 : 5];
            int rest = index;
            for (int i = letters.length - 1; i >= 0; i--) {
                letters[i] = (char) ('A' + rest % 26);
                rest /= 26;
            }
            return new String(letters);
        }

        @Override
        MarketData build(String key, long micros, int target) {
            long volume = 1 + random.nextInt(10_000);
            record.setSymbol(key);
            record.setPrice(Math.round((5 + random.nextDouble() * 495) * 100) / 100.0);
            record.setVolume(volume);
            record.setTimestamp(instant(micros));
            int fixed = headerKeyAndAdded(key.length()) + 8 + AvroBinarySizes.longSize(volume) + AvroBinarySizes.longSize(micros) + 1;
            // metadata {"pad": P}: block count, key "pad", the value, end of map
            int padding = lengthFitting(target - fixed - 6);
            record.setMetadata(padding < 0 ? null : Map.of("pad", padding(padding)));
            return record;
        }
    }

    static final class IotSensorFactory extends EventFactory {
        private final IotSensorReading record = new IotSensorReading();
        private final List<Double> readings = new ArrayList<>();

        IotSensorFactory(DataSourceSpec source, long seed, byte[] frameHeader, ReplayRate replay) {
            super(source, seed, frameHeader, replay);
        }

        @Override
        String key(int index) {
            return "dev-" + index;
        }

        @Override
        IotSensorReading build(String key, long micros, int target) {
            double temperature = 15 + random.nextDouble() * 20;
            record.setDeviceId(key);
            record.setTemperature(temperature);
            record.setHumidity(20 + random.nextDouble() * 60);
            record.setTimestamp(instant(micros));
            int budget = target - headerKeyAndAdded(key.length()) - 16 - AvroBinarySizes.longSize(micros);
            // readings: count, 8 bytes each, end of array; an empty array is the single end byte
            int count = Math.max(0, Math.min(1 + random.nextInt(12), (budget - 1 - 2) / 8));
            readings.clear();
            for (int i = 0; i < count; i++) {
                readings.add(temperature + random.nextGaussian() * 0.2);
            }
            record.setReadings(readings);
            int arrayBytes = count == 0 ? 1 : AvroBinarySizes.longSize(count) + 8 * count + 1;
            record.setRawData(paddingBytes(Math.max(0, lengthFitting(budget - arrayBytes))));
            return record;
        }
    }

    /**
     * A CDC source's changes (docs/cdc.md): which row, inserted, updated or deleted in the source's mix
     * ({@link RowChanges}), and its payload, sized so the change event the forwarder publishes hits
     * the drawn size (its commit time and LSN, unknown until the database has them, are sized here by
     * typical values: within a byte or two). A delete carries no payload. The key is the row id.
     */
    static final class RowChangeFactory extends EventFactory {
        /** Stands in for the LSN when sizing: 2^30, five bytes as a varint, as a WAL position of a few GB is. */
        static final long TYPICAL_LSN = 1L << 30;
        private static final ByteBuffer NO_ROW = ByteBuffer.allocate(0);
        private static final lab.performance.observatory.events.ChangeOperation[] OPERATIONS =
                lab.performance.observatory.events.ChangeOperation.values();
        private final lab.performance.observatory.events.RowChange record = new lab.performance.observatory.events.RowChange();
        private final lab.performance.observatory.core.load.RowChanges changes;
        private final String table;
        private lab.performance.observatory.core.load.RowChanges.Change change;

        RowChangeFactory(DataSourceSpec source, long seed, byte[] frameHeader, ReplayRate replay) {
            super(source, seed, frameHeader, replay);
            this.changes = new lab.performance.observatory.core.load.RowChanges(source.changeMix(), random.split());
            this.table = lab.performance.observatory.cdc.CdcNames.table(source.name());
        }

        @Override
        String key(int index) {
            change = changes.next();
            return Long.toString(change.rowId);
        }

        @Override
        lab.performance.observatory.events.RowChange build(String key, long micros, int target) {
            record.setTimestamp(instant(micros));
            record.setOp(OPERATIONS[change.op.ordinal()]);
            record.setTable(table);
            record.setRowId(change.rowId);
            record.setCommitTimestamp(instant(micros));
            record.setLsn(TYPICAL_LSN);
            int fixed = headerBytes + AvroBinarySizes.longSize(micros) * 2 + 1 + AvroBinarySizes.bytesSize(table.length())
                    + AvroBinarySizes.longSize(change.rowId) + AvroBinarySizes.longSize(TYPICAL_LSN);
            record.setRow(change.op == lab.performance.observatory.core.spec.ChangeMix.Op.DELETE ? NO_ROW.duplicate()
                    : paddingBytes(Math.max(0, lengthFitting(target - fixed))));
            return record;
        }
    }

    static final class LogEventFactory extends EventFactory {
        private static final LogLevel[] LEVELS = LogLevel.values();
        /** cumulative weights of TRACE, DEBUG, INFO, WARN, ERROR, FATAL */
        private static final double[] LEVEL_CDF = {0.02, 0.15, 0.85, 0.95, 0.995, 1.0};
        private static final int ATTRIBUTES_BYTES = 1 + AvroBinarySizes.bytesSize(8) + AvroBinarySizes.bytesSize(16) + 1;
        private static final java.util.HexFormat HEX = java.util.HexFormat.of();
        private final LogEvent record = new LogEvent();

        LogEventFactory(DataSourceSpec source, long seed, byte[] frameHeader, ReplayRate replay) {
            super(source, seed, frameHeader, replay);
        }

        @Override
        String key(int index) {
            return "svc-" + index;
        }

        @Override
        LogEvent build(String key, long micros, int target) {
            double u = random.nextDouble();
            int level = 0;
            while (u > LEVEL_CDF[level]) {
                level++;
            }
            record.setTimestamp(instant(micros));
            record.setLevel(LEVELS[level]);
            record.setService(key);
            record.setAttributes(Map.of("trace_id", HEX.toHexDigits(random.nextLong())));
            int fixed = headerKeyAndAdded(key.length()) + AvroBinarySizes.longSize(micros) + 1 + ATTRIBUTES_BYTES;
            record.setMessage(padding(Math.max(0, lengthFitting(target - fixed))));
            return record;
        }
    }
}
