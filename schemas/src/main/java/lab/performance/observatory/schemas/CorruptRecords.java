package lab.performance.observatory.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.events.IotSensorReading;
import lab.performance.observatory.events.LogEvent;
import lab.performance.observatory.events.LogLevel;
import lab.performance.observatory.schemas.MalformedEventException.Reason;

/**
 * Records that no decoder may accept as an event of the declared type, one class at a time: what
 * the corrupt mix of a run sends (docs/reliability.md) and what the fuzz corpus starts from. Each
 * class is rejected with a known reason, so a run can check that every corrupt record it sent was
 * dead-lettered under the right one. Pure; deterministic for a seeded {@link Random}.
 */
public final class CorruptRecords {

    /** The classes of corruption, each with the reasons its records are dead-lettered under. */
    public enum Corruption {
        /** A valid header of the type followed by random bytes (redrawn until the generic decoder rejects them). */
        RANDOM_BYTES("random-bytes", Reason.INVALID_BODY, Reason.TRUNCATED, Reason.TRAILING_BYTES),
        /** A valid record cut short. */
        TRUNCATED("truncated", Reason.TOO_SHORT, Reason.TRUNCATED, Reason.INVALID_BODY),
        /** A valid record whose first two bytes are neither framing's magic. */
        BAD_MAGIC("bad-magic", Reason.BAD_MAGIC),
        /** A valid body behind a registry header with an id no registry hands out. */
        UNKNOWN_SCHEMA_ID("unknown-schema-id", Reason.UNKNOWN_SCHEMA_ID, Reason.REGISTRY_UNAVAILABLE),
        /** A record whose first string claims a length of 1 GiB. */
        HUGE_LENGTH("huge-length", Reason.INVALID_BODY, Reason.TRUNCATED),
        /** A well-formed event of another type: decodes, and the topology rejects it for its topic. */
        WRONG_TYPE("wrong-type", Reason.WRONG_TYPE);

        private final String code;
        private final Set<Reason> rejectedAs;

        Corruption(String code, Reason first, Reason... more) {
            this.code = code;
            this.rejectedAs = EnumSet.of(first, more);
        }

        /** Label-safe name of the class, as in a spec's corrupt mix and the report. */
        public String code() {
            return code;
        }

        /** The reasons a record of this class may be dead-lettered under. */
        public Set<Reason> rejectedAs() {
            return rejectedAs;
        }
    }

    /** A schema id outside what Apicurio or Confluent assign (they count up from 1). */
    public static final int UNREGISTERED_ID = 0x7FFF_FF00;

    private static final int GIB_ZIGZAG_VARINT_LENGTH = 5;

    private final Random random;
    private final EventDecoder check = EventDecoder.create(lab.performance.observatory.core.spec.DecodeStrategy.GENERIC);
    private final EventFields scratch = new EventFields();

    public CorruptRecords(Random random) {
        this.random = random;
    }

    /**
     * @param valid a well-formed record of {@code declared} in either framing
     * @return a record of class {@code corruption} derived from it
     */
    public byte[] corrupt(Corruption corruption, DataType declared, byte[] valid) {
        return switch (corruption) {
            case RANDOM_BYTES -> randomBody(declared);
            case TRUNCATED -> java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
            case BAD_MAGIC -> badMagic(valid);
            case UNKNOWN_SCHEMA_ID -> unregistered(valid);
            case HUGE_LENGTH -> hugeLength(declared);
            case WRONG_TYPE -> wrongType(declared);
        };
    }

    private byte[] randomBody(DataType declared) {
        byte[] header = SingleObjectFraming.header(EventSchemas.current(declared).fingerprint());
        while (true) {
            byte[] value = new byte[header.length + 1 + random.nextInt(160)];
            random.nextBytes(value);
            System.arraycopy(header, 0, value, 0, header.length);
            if (!decodes(value)) {
                return value;
            }
        }
    }

    private boolean decodes(byte[] value) {
        try {
            check.decode(value, scratch);
            return true;
        } catch (MalformedEventException e) {
            return false;
        }
    }

    private byte[] badMagic(byte[] valid) {
        byte[] value = valid.length >= SingleObjectFraming.HEADER_LENGTH ? valid.clone() : java.util.Arrays.copyOf(valid, SingleObjectFraming.HEADER_LENGTH);
        do {
            value[0] = (byte) random.nextInt(256);
            value[1] = (byte) random.nextInt(256);
        } while (value[0] == ConfluentFraming.MAGIC || value[0] == SingleObjectFraming.MAGIC_0 && value[1] == SingleObjectFraming.MAGIC_1);
        return value;
    }

    private static byte[] unregistered(byte[] valid) {
        int body = WriterSchemaResolver.bodyOffset(valid);
        byte[] header = ConfluentFraming.header(UNREGISTERED_ID);
        byte[] value = new byte[header.length + valid.length - body];
        System.arraycopy(header, 0, value, 0, header.length);
        System.arraycopy(valid, body, value, header.length, valid.length - body);
        return value;
    }

    /** Zero for every field before the first string, then a length of 2^30 (zig-zag varint), then a few bytes. */
    private byte[] hugeLength(DataType declared) {
        byte[] header = SingleObjectFraming.header(EventSchemas.current(declared).fingerprint());
        int before = switch (declared) {
            case MARKET_DATA, IOT_SENSOR -> 0; // symbol, device_id come first
            case LOG_EVENT, CDC -> 2;         // timestamp and an enum, then service, table
        };
        byte[] value = new byte[header.length + before + GIB_ZIGZAG_VARINT_LENGTH + 8];
        System.arraycopy(header, 0, value, 0, header.length);
        int at = header.length + before;
        long zigzag = (1L << 30) << 1;
        for (int i = 0; i < GIB_ZIGZAG_VARINT_LENGTH; i++) {
            value[at + i] = (byte) ((zigzag & 0x7F) | (i < GIB_ZIGZAG_VARINT_LENGTH - 1 ? 0x80 : 0));
            zigzag >>>= 7;
        }
        for (int i = at + GIB_ZIGZAG_VARINT_LENGTH; i < value.length; i++) {
            value[i] = (byte) ('a' + random.nextInt(26));
        }
        return value;
    }

    private byte[] wrongType(DataType declared) {
        Instant at = Instant.ofEpochSecond(1_795_774_530L, random.nextInt(1_000_000) * 1000L);
        if (declared == DataType.LOG_EVENT) {
            return new EventEncoder(DataType.IOT_SENSOR).encode(IotSensorReading.newBuilder().setDeviceId("wrong-type")
                    .setTemperature(random.nextDouble()).setHumidity(50).setReadings(List.of()).setRawData(ByteBuffer.allocate(0))
                    .setTimestamp(at).build());
        }
        return new EventEncoder(DataType.LOG_EVENT).encode(LogEvent.newBuilder().setTimestamp(at).setLevel(LogLevel.INFO)
                .setService("wrong-type").setMessage("an event of another type").setAttributes(Map.of()).build());
    }
}
