package lab.performance.observatory.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.events.LogLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CopyingEventDecoderTest {

    final EventDecoder decoder = EventDecoder.create(DecodeStrategy.COPYING);
    final EventFields fields = new EventFields();

    @Test
    void readsTheSameFieldsOfEveryType() throws Exception {
        decoder.decode(Events.encoded(DataType.MARKET_DATA), fields);
        assertThat(fields.dataType()).isEqualTo(DataType.MARKET_DATA);
        assertThat(fields.timestampMicros()).isEqualTo(Events.AT_MICROS);
        assertThat(fields.measure()).isEqualTo(12.5 * 300);

        decoder.decode(Events.encoded(DataType.IOT_SENSOR), fields);
        assertThat(fields.dataType()).isEqualTo(DataType.IOT_SENSOR);
        assertThat(fields.measure()).isEqualTo(21.5);

        decoder.decode(new EventEncoder(DataType.LOG_EVENT).encode(Events.log(LogLevel.WARN)), fields);
        assertThat(fields.measure()).isEqualTo(1);
        decoder.decode(new EventEncoder(DataType.LOG_EVENT).encode(Events.log(LogLevel.INFO)), fields);
        assertThat(fields.dataType()).isEqualTo(DataType.LOG_EVENT);
        assertThat(fields.measure()).isZero();
        assertThat(decoder.strategy()).isEqualTo(DecodeStrategy.COPYING);
    }

    MalformedEventException malformed(byte[] value) {
        return catchThrowableOfType(MalformedEventException.class, () -> decoder.decode(value, fields));
    }

    @Test
    void framingProblemsHaveTheirOwnReasons() {
        assertThat(malformed(null).reason()).isEqualTo(MalformedEventException.Reason.TOO_SHORT);
        assertThat(malformed(new byte[9]).describe()).isEqualTo("too-short: 9 bytes, a framed event has a 10-byte header");
        byte[] valid = Events.encoded(DataType.MARKET_DATA);
        byte[] confluent = valid.clone();
        confluent[0] = 0;
        assertThat(malformed(confluent).describe()).isEqualTo("bad-magic: expected 0xC3 0x01, got 0x00 0x01");
        byte[] unknown = valid.clone();
        unknown[5] ^= 0x55;
        assertThat(malformed(unknown).reason()).isEqualTo(MalformedEventException.Reason.UNKNOWN_SCHEMA);
        byte[] trailing = Arrays.copyOf(valid, valid.length + 2);
        assertThat(malformed(trailing).reason()).isEqualTo(MalformedEventException.Reason.TRAILING_BYTES);
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void truncationAtEveryOffsetIsMalformedAndNothingElse(DataType type) {
        byte[] valid = Events.encoded(type);
        for (int length = 0; length < valid.length; length++) {
            MalformedEventException e = malformed(Arrays.copyOf(valid, length));
            assertThat(e).as("truncated to %d bytes", length).isNotNull();
            assertThat(e.reason()).isIn(EnumSet.of(MalformedEventException.Reason.TOO_SHORT, MalformedEventException.Reason.TRUNCATED,
                    MalformedEventException.Reason.INVALID_BODY));
        }
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void randomBodiesBehindAValidHeaderAreMalformedOrDecodeButNeverThrowAnythingElse(DataType type) {
        byte[] header = Arrays.copyOf(Events.encoded(type), SingleObjectFraming.HEADER_LENGTH);
        Random random = new Random(type.ordinal());
        for (int i = 0; i < 5_000; i++) {
            byte[] value = Arrays.copyOf(header, SingleObjectFraming.HEADER_LENGTH + random.nextInt(200));
            byte[] body = new byte[value.length - SingleObjectFraming.HEADER_LENGTH];
            random.nextBytes(body);
            System.arraycopy(body, 0, value, SingleObjectFraming.HEADER_LENGTH, body.length);
            try {
                decoder.decode(value, fields);
                assertThat(fields.dataType()).isEqualTo(type);
            } catch (MalformedEventException expected) {
                assertThat(expected.describe()).isNotBlank();
            }
        }
    }

    @Test
    void aHugeLengthPrefixIsRejectedWithoutAllocatingIt() {
        byte[] header = Arrays.copyOf(Events.encoded(DataType.LOG_EVENT), SingleObjectFraming.HEADER_LENGTH);
        // timestamp 0, level 0, then a service name claiming 1 GiB: zig-zag varint of 2^30
        byte[] value = Arrays.copyOf(header, header.length + 7);
        byte[] body = {0, 0, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
        System.arraycopy(body, 0, value, header.length, body.length);
        assertThat(malformed(value).reason()).isIn(EnumSet.of(MalformedEventException.Reason.INVALID_BODY, MalformedEventException.Reason.TRUNCATED));
    }

    @Test
    void onlyAvailableStrategiesCanBeCreated() {
        assertThatThrownBy(() -> EventDecoder.create(DecodeStrategy.ZERO_COPY)).isInstanceOf(IllegalArgumentException.class);
    }
}
