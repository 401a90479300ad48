package lab.performance.observatory.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.events.IotSensorReading;
import lab.performance.observatory.events.LogEvent;
import lab.performance.observatory.events.LogLevel;
import lab.performance.observatory.events.MarketData;

/** Hand-built events of every type, for the codec tests. */
final class Events {

    static final Instant AT = Instant.parse("2026-11-27T10:15:30.123456Z");
    static final long AT_MICROS = 1_795_774_530_123_456L;

    static MarketData market() {
        return MarketData.newBuilder().setSymbol("ACME").setPrice(12.5).setVolume(300).setTimestamp(AT)
                .setMetadata(Map.of("venue", "XNAS")).build();
    }

    static IotSensorReading iot() {
        return IotSensorReading.newBuilder().setDeviceId("dev-7").setTemperature(21.5).setHumidity(40)
                .setReadings(List.of(21.4, 21.6)).setRawData(ByteBuffer.wrap(new byte[] {1, 2, 3})).setTimestamp(AT).build();
    }

    static LogEvent log(LogLevel level) {
        return LogEvent.newBuilder().setTimestamp(AT).setLevel(level).setService("svc-1").setMessage("hello")
                .setAttributes(Map.of("trace_id", "abc")).build();
    }

    static lab.performance.observatory.events.RowChange change() {
        return lab.performance.observatory.events.RowChange.newBuilder().setTimestamp(AT)
                .setOp(lab.performance.observatory.events.ChangeOperation.UPDATE).setTable("public.orders").setRowId(42)
                .setCommitTimestamp(AT.plusMillis(3)).setLsn(26_231_616L).setRow(ByteBuffer.wrap(new byte[] {7, 8, 9})).build();
    }

    static byte[] encoded(DataType type) {
        return switch (type) {
            case MARKET_DATA -> new EventEncoder(type).encode(market());
            case IOT_SENSOR -> new EventEncoder(type).encode(iot());
            case LOG_EVENT -> new EventEncoder(type).encode(log(LogLevel.ERROR));
            case CDC -> new EventEncoder(type).encode(change());
        };
    }

    private Events() {
    }
}
