package lab.performance.observatory.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.events.LogLevel;
import lab.performance.observatory.schemas.MalformedEventException.Reason;
import lab.performance.observatory.schemas.registry.StaticSchemaIds;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bad input gives exactly one typed exception, whatever the strategy: never another exception, a
 * hang, or a large allocation.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MalformedInputTest {

    static final int REGISTERED_ID = 7;
    static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    static EventDecoder decoder(DecodeStrategy strategy) {
        Map<Integer, Schema> ids = new HashMap<>();
        ids.put(REGISTERED_ID, EventSchemas.current(DataType.MARKET_DATA).schema());
        return EventDecoder.create(strategy, new WriterSchemaResolver(new StaticSchemaIds(ids)));
    }

    static MalformedEventException malformed(EventDecoder decoder, byte[] value) {
        return catchThrowableOfType(MalformedEventException.class, () -> decoder.decode(value, new EventFields()));
    }

    static byte[] withBody(byte[] header, int... body) {
        byte[] value = Arrays.copyOf(header, header.length + body.length);
        for (int i = 0; i < body.length; i++) {
            value[header.length + i] = (byte) body[i];
        }
        return value;
    }

    @ParameterizedTest
    @EnumSource(DecodeStrategy.class)
    void readsTheSameFieldsOfEveryType(DecodeStrategy strategy) throws Exception {
        EventDecoder decoder = decoder(strategy);
        EventFields fields = new EventFields();
        decoder.decode(Events.encoded(DataType.MARKET_DATA), fields);
        assertThat(fields.dataType()).isEqualTo(DataType.MARKET_DATA);
        assertThat(fields.timestampMicros()).isEqualTo(Events.AT_MICROS);
        assertThat(fields.measure()).isEqualTo(12.5 * 300);
        decoder.decode(Events.encoded(DataType.IOT_SENSOR), fields);
        assertThat(fields.measure()).isEqualTo(21.5);
        decoder.decode(new EventEncoder(DataType.LOG_EVENT).encode(Events.log(LogLevel.WARN)), fields);
        assertThat(fields.measure()).isEqualTo(1);
        decoder.decode(new EventEncoder(DataType.LOG_EVENT).encode(Events.log(LogLevel.INFO)), fields);
        assertThat(fields.measure()).isZero();
        assertThat(decoder.strategy()).isEqualTo(strategy);
    }

    @ParameterizedTest
    @EnumSource(DecodeStrategy.class)
    void framingProblemsHaveTheirOwnReasons(DecodeStrategy strategy) {
        EventDecoder decoder = decoder(strategy);
        assertThat(malformed(decoder, null).reason()).isEqualTo(Reason.TOO_SHORT);
        assertThat(malformed(decoder, new byte[3]).describe()).isEqualTo("too-short: 3 bytes, a registry-framed event has a 5-byte header");
        assertThat(malformed(decoder, new byte[9]).describe()).isEqualTo("unknown-schema-id: the registry has no schema with id 0");
        assertThat(malformed(decoder, new byte[] {(byte) 0xC3, 1, 2}).describe()).isEqualTo("too-short: 3 bytes, a framed event has a 10-byte header");
        byte[] valid = Events.encoded(DataType.MARKET_DATA);
        byte[] badMagic = valid.clone();
        badMagic[0] = 0x7B;
        assertThat(malformed(decoder, badMagic).describe()).isEqualTo("bad-magic: expected 0xC3 0x01, got 0x7B 0x01");
        byte[] unknownFingerprint = valid.clone();
        unknownFingerprint[5] ^= 0x55;
        assertThat(malformed(decoder, unknownFingerprint).reason()).isEqualTo(Reason.UNKNOWN_SCHEMA);
        assertThat(malformed(decoder, withBody(ConfluentFraming.header(4242), 1, 2, 3)).describe())
                .isEqualTo("unknown-schema-id: the registry has no schema with id 4242");
        assertThat(malformed(EventDecoder.create(strategy), withBody(ConfluentFraming.header(REGISTERED_ID), 1)).describe())
                .startsWith("unknown-schema-id: registry-framed record (schema id 7) but no schema registry is configured");
        assertThat(malformed(decoder, Arrays.copyOf(valid, valid.length + 2)).reason()).isEqualTo(Reason.TRAILING_BYTES);
    }

    @ParameterizedTest
    @EnumSource(DecodeStrategy.class)
    void truncationAtEveryOffsetOfEveryTypeIsMalformed(DecodeStrategy strategy) {
        EventDecoder decoder = decoder(strategy);
        for (DataType type : DataType.values()) {
            byte[] valid = Events.encoded(type);
            for (int length = 0; length < valid.length; length++) {
                MalformedEventException e = malformed(decoder, Arrays.copyOf(valid, length));
                assertThat(e).as("%s truncated to %d bytes", type, length).isNotNull();
                assertThat(e.reason()).isIn(EnumSet.of(Reason.TOO_SHORT, Reason.TRUNCATED, Reason.INVALID_BODY));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DecodeStrategy.class)
    void randomBytesAreMalformedOrDecodeButNeverThrowAnythingElse(DecodeStrategy strategy) {
        EventDecoder decoder = decoder(strategy);
        Random random = new Random(strategy.ordinal());
        for (DataType type : DataType.values()) {
            byte[][] headers = {Arrays.copyOf(Events.encoded(type), SingleObjectFraming.HEADER_LENGTH), ConfluentFraming.header(REGISTERED_ID)};
            for (int i = 0; i < 4_000; i++) {
                byte[] header = headers[i % 2];
                byte[] value = new byte[header.length + random.nextInt(120)];
                random.nextBytes(value);
                if (i % 10 != 0) { // most behind a valid header, some entirely random
                    System.arraycopy(header, 0, value, 0, header.length);
                }
                try {
                    decoder.decode(value, new EventFields());
                } catch (MalformedEventException expected) {
                    assertThat(expected.describe()).isNotBlank();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DecodeStrategy.class)
    void negativeAndHugeLengthsAreRejectedWithoutAllocatingThem(DecodeStrategy strategy) {
        EventDecoder decoder = decoder(strategy);
        byte[] header = SingleObjectFraming.header(EventSchemas.current(DataType.LOG_EVENT).fingerprint());
        // timestamp 0, level 0, then a service name claiming -3 bytes, and one claiming 1 GiB (zig-zag varints)
        byte[] negative = withBody(header, 0, 0, 5, 'a', 'b', 'c');
        byte[] huge = withBody(header, 0, 0, 0x80, 0x80, 0x80, 0x80, 0x08, 'a');
        // market data whose metadata map claims 2^40 entries
        byte[] hugeMap = withBody(SingleObjectFraming.header(EventSchemas.current(DataType.MARKET_DATA).fingerprint()),
                2, 'A', 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2, 0x80, 0x80, 0x80, 0x80, 0x80, 0x40, 0);
        for (byte[] value : new byte[][] {negative, huge, hugeMap}) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            MalformedEventException e = malformed(decoder, value);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            assertThat(e).isNotNull();
            assertThat(e.reason()).isIn(EnumSet.of(Reason.INVALID_BODY, Reason.TRUNCATED));
            assertThat(allocated).as("bytes allocated rejecting %s", e.describe()).isLessThan(1 << 20);
        }
    }

    @Test
    void aForeignWriterSchemaFallsBackToCopyingAndIsCounted() throws Exception {
        // the same fields, written in another order: Avro resolves it, the views cannot
        Schema reordered = new Schema.Parser().parse("""
                {"type": "record", "name": "MarketData", "namespace": "lab.performance.observatory.events", "fields": [
                  {"name": "price", "type": "double"},
                  {"name": "symbol", "type": "string"},
                  {"name": "volume", "type": "long"},
                  {"name": "timestamp", "type": {"type": "long", "logicalType": "timestamp-micros"}},
                  {"name": "metadata", "type": ["null", {"type": "map", "values": "string"}], "default": null}]}""");
        WriterSchemaResolver resolver = new WriterSchemaResolver(new StaticSchemaIds(Map.of(99, reordered)));
        ZeroCopyEventDecoder zeroCopy = (ZeroCopyEventDecoder) EventDecoder.create(DecodeStrategy.ZERO_COPY, resolver);
        WriterSchema foreign = EventSchemas.identify(reordered).orElseThrow();
        assertThat(foreign.bundled()).isFalse();
        byte[] value = new EventEncoder(foreign, ConfluentFraming.header(99)).encode(Events.market());
        EventFields fields = new EventFields();
        zeroCopy.decode(value, fields);
        assertThat(fields.fallback()).isTrue();
        // what the copying path materialised: "ACME" and the metadata entry venue=XNAS (CopiedBytesTest)
        assertThat(fields.copiedBytes()).isEqualTo(4 + 5 + 4);
        assertThat(fields.measure()).isEqualTo(12.5 * 300);
        assertThat(zeroCopy.fallbacks()).isEqualTo(1);
        assertThat(zeroCopy.view(value)).isNull();
    }
}
