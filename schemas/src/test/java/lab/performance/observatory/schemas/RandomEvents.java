package lab.performance.observatory.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.events.IotSensorReading;
import lab.performance.observatory.events.LogEvent;
import lab.performance.observatory.events.LogLevel;
import lab.performance.observatory.events.MarketData;
import org.apache.avro.specific.SpecificRecordBase;

/** Random events in every field shape: empty and long strings (multi-byte UTF-8 too), empty and large collections, nulls, extremes. */
final class RandomEvents {

    private static final String[] ALPHABETS = {"abcxyz019", "äöüßéèê", "日本語テスト", "🙂🚀", "\u0000\u007f"};
    private static final double[] EXTREME_DOUBLES = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
    private static final long[] EXTREME_LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE};

    private final Random random;

    RandomEvents(long seed) {
        this.random = new Random(seed);
    }

    SpecificRecordBase next(DataType type) {
        return switch (type) {
            case MARKET_DATA -> MarketData.newBuilder().setSymbol(string()).setPrice(dbl()).setVolume(lng()).setTimestamp(instant())
                    .setMetadata(random.nextInt(4) == 0 ? null : map()).setExchange(random.nextBoolean() ? null : string()).build();
            case IOT_SENSOR -> IotSensorReading.newBuilder().setDeviceId(string()).setTemperature(dbl()).setHumidity(dbl())
                    .setReadings(doubles()).setRawData(ByteBuffer.wrap(bytes())).setTimestamp(instant())
                    .setBatteryPercent(random.nextBoolean() ? null : (float) dbl()).build();
            case LOG_EVENT -> LogEvent.newBuilder().setTimestamp(instant()).setLevel(LogLevel.values()[random.nextInt(6)])
                    .setService(string()).setMessage(string()).setAttributes(map()).setHost(random.nextBoolean() ? null : string()).build();
            case CDC -> lab.performance.observatory.events.RowChange.newBuilder().setTimestamp(instant())
                    .setOp(lab.performance.observatory.events.ChangeOperation.values()[random.nextInt(3)]).setTable(string()).setRowId(lng())
                    .setCommitTimestamp(instant()).setLsn(lng()).setRow(ByteBuffer.wrap(bytes())).build();
        };
    }

    private int size() {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> 200 + random.nextInt(2000);
            default -> random.nextInt(20);
        };
    }

    String string() {
        String alphabet = ALPHABETS[random.nextInt(ALPHABETS.length)];
        int length = size();
        StringBuilder out = new StringBuilder();
        alphabet.codePoints().toArray();
        int[] points = alphabet.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(points[random.nextInt(points.length)]);
        }
        return out.toString();
    }

    double dbl() {
        return random.nextInt(5) == 0 ? EXTREME_DOUBLES[random.nextInt(EXTREME_DOUBLES.length)] : random.nextGaussian() * 1e6;
    }

    long lng() {
        return random.nextInt(5) == 0 ? EXTREME_LONGS[random.nextInt(EXTREME_LONGS.length)] : random.nextLong();
    }

    Instant instant() {
        // timestamp-micros: whole microseconds, within what a long of micros holds
        long micros = random.nextInt(5) == 0 ? (random.nextBoolean() ? 0 : -1_000_000L) : Math.floorMod(random.nextLong(), 1L << 52);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    }

    Map<String, String> map() {
        int n = size() / 4;
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < n; i++) {
            map.put(string() + i, string());
        }
        return map;
    }

    List<Double> doubles() {
        int n = size();
        List<Double> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(dbl());
        }
        return list;
    }

    byte[] bytes() {
        byte[] b = new byte[size()];
        random.nextBytes(b);
        return b;
    }
}
