package lab.performance.observatory.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.events.IotSensorReading;
import lab.performance.observatory.events.MarketData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code copied_bytes} as each strategy measures it, against counts done by hand from {@link Events}. */
class CopiedBytesTest {

    /**
     * market: "ACME" 4 + metadata venue=XNAS 5 + 4, exchange null; iot: "dev-7" 5 + two readings of 8 +
     * raw_data 3, battery null; log: "svc-1" 5 + "hello" 5 + trace_id=abc 8 + 3, host null; cdc:
     * "public.orders" 13 + row 3. Numbers, enums and timestamps are decoded, not copied.
     */
    static int byHand(DataType type) {
        return switch (type) {
            case MARKET_DATA -> 4 + 5 + 4;
            case IOT_SENSOR -> 5 + 2 * 8 + 3;
            case LOG_EVENT -> 5 + 5 + 8 + 3;
            case CDC -> 13 + 3;
        };
    }

    @ParameterizedTest
    @EnumSource(DataType.class)
    void theAvroReadersCopyWhatTheyMaterialiseAndTheViewsNothing(DataType type) throws Exception {
        byte[] value = Events.encoded(type);
        for (DecodeStrategy strategy : DecodeStrategy.values()) {
            EventFields fields = new EventFields();
            EventDecoder.create(strategy).decode(value, fields);
            int expected = strategy == DecodeStrategy.ZERO_COPY ? 0 : byHand(type);
            assertThat(fields.copiedBytes()).as("%s %s", strategy, type).isEqualTo(expected);
            assertThat(fields.payloadBytes()).as("the payload is more than its copies").isGreaterThan(byHand(type));
        }
    }

    @Test
    void stringsCountTheirUtf8BytesAndCollectionsTheirElements() throws Exception {
        // Z ü r i c h €: 1 + 2 + 1 + 1 + 1 + 1 + 3; an emoji is a surrogate pair: 4
        MarketData market = MarketData.newBuilder(Events.market()).setSymbol("Zürich€").setExchange("😀").setMetadata(null).build();
        assertThat(MaterialisedBytes.of(market)).isEqualTo(10 + 4);
        IotSensorReading iot = IotSensorReading.newBuilder(Events.iot()).setReadings(List.of()).setRawData(ByteBuffer.allocate(0))
                .setBatteryPercent(80f).build();
        assertThat(MaterialisedBytes.of(iot)).as("a float outside a collection is a decoded value").isEqualTo(5);
        MarketData many = MarketData.newBuilder(Events.market()).setMetadata(Map.of("a", "1", "bb", "22")).build();
        assertThat(MaterialisedBytes.of(many)).isEqualTo(4 + 1 + 1 + 2 + 2);

        // and measured through the decoders, not only on built records
        EventFields fields = new EventFields();
        EventDecoder.create(DecodeStrategy.COPYING).decode(new EventEncoder(DataType.MARKET_DATA).encode(market), fields);
        assertThat(fields.copiedBytes()).isEqualTo(14);
        EventDecoder.create(DecodeStrategy.GENERIC).decode(new EventEncoder(DataType.MARKET_DATA).encode(market), fields);
        assertThat(fields.copiedBytes()).isEqualTo(14);
    }
}
