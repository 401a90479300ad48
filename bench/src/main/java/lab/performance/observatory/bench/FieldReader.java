package lab.performance.observatory.bench;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.events.IotSensorReading;
import lab.performance.observatory.events.LogEvent;
import lab.performance.observatory.events.MarketData;
import lab.performance.observatory.schemas.CopyingEventDecoder;
import lab.performance.observatory.schemas.EventDecoder;
import lab.performance.observatory.schemas.GenericEventDecoder;
import lab.performance.observatory.schemas.MalformedEventException;
import lab.performance.observatory.schemas.ZeroCopyEventDecoder;
import lab.performance.observatory.schemas.zerocopy.DoubleArrayView;
import lab.performance.observatory.schemas.zerocopy.IotSensorView;
import lab.performance.observatory.schemas.zerocopy.LogEventView;
import lab.performance.observatory.schemas.zerocopy.MarketDataView;
import lab.performance.observatory.schemas.zerocopy.StringMapView;
import lab.performance.observatory.schemas.zerocopy.Utf8Slice;
import org.apache.avro.generic.GenericRecord;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode + read for one strategy and one event type. "Two fields" are the key and the type's main
 * measure (market: symbol, price; IoT: device id, temperature; logs: level, service); "all fields"
 * are every field, collections walked. Strings are read by hashing their content, so every
 * strategy touches the same bytes.
 */
abstract class FieldReader {

    final DataType type;

    FieldReader(DataType type) {
        this.type = type;
    }

    abstract void readTwo(byte[] value, Blackhole bh) throws MalformedEventException;

    abstract void readAll(byte[] value, Blackhole bh) throws MalformedEventException;

    static FieldReader of(DecodeStrategy strategy, DataType type) {
        return switch (strategy) {
            case ZERO_COPY -> new ZeroCopy(type);
            case COPYING -> new Copying(type);
            case GENERIC -> new Generic(type);
        };
    }

    static final class ZeroCopy extends FieldReader {
        private final ZeroCopyEventDecoder decoder = (ZeroCopyEventDecoder) EventDecoder.create(DecodeStrategy.ZERO_COPY);
        private final Hasher hasher = new Hasher();

        ZeroCopy(DataType type) {
            super(type);
        }

        @Override
        void readTwo(byte[] value, Blackhole bh) throws MalformedEventException {
            switch (type) {
                case MARKET_DATA -> {
                    MarketDataView m = (MarketDataView) decoder.view(value);
                    bh.consume(m.symbol().hashCode());
                    bh.consume(m.price());
                }
                case IOT_SENSOR -> {
                    IotSensorView r = (IotSensorView) decoder.view(value);
                    bh.consume(r.deviceId().hashCode());
                    bh.consume(r.temperature());
                }
                case LOG_EVENT -> {
                    LogEventView l = (LogEventView) decoder.view(value);
                    bh.consume(l.level());
                    bh.consume(l.service().hashCode());
                }
            }
        }

        @Override
        void readAll(byte[] value, Blackhole bh) throws MalformedEventException {
            hasher.bh = bh;
            switch (type) {
                case MARKET_DATA -> {
                    MarketDataView m = (MarketDataView) decoder.view(value);
                    bh.consume(m.symbol().hashCode());
                    bh.consume(m.price());
                    bh.consume(m.volume());
                    bh.consume(m.timestampMicros());
                    StringMapView metadata = m.metadata();
                    if (metadata != null) {
                        metadata.forEach(hasher);
                    }
                    Utf8Slice exchange = m.exchange();
                    bh.consume(exchange == null ? 0 : exchange.hashCode());
                    m.validate();
                }
                case IOT_SENSOR -> {
                    IotSensorView r = (IotSensorView) decoder.view(value);
                    bh.consume(r.deviceId().hashCode());
                    bh.consume(r.temperature());
                    bh.consume(r.humidity());
                    DoubleArrayView readings = r.readings();
                    for (int i = 0; i < readings.size(); i++) {
                        bh.consume(readings.get(i));
                    }
                    bh.consume(r.rawData().hashCode());
                    bh.consume(r.timestampMicros());
                    bh.consume(r.hasBatteryPercent() ? r.batteryPercent() : 0f);
                    r.validate();
                }
                case LOG_EVENT -> {
                    LogEventView l = (LogEventView) decoder.view(value);
                    bh.consume(l.timestampMicros());
                    bh.consume(l.level());
                    bh.consume(l.service().hashCode());
                    bh.consume(l.message().hashCode());
                    l.attributes().forEach(hasher);
                    Utf8Slice host = l.host();
                    bh.consume(host == null ? 0 : host.hashCode());
                    l.validate();
                }
            }
        }

        /** Hashes map entries into the blackhole without allocating a visitor per record. */
        private static final class Hasher implements StringMapView.EntryVisitor {
            Blackhole bh;

            @Override
            public void visit(Utf8Slice key, Utf8Slice value) {
                bh.consume(key.hashCode());
                bh.consume(value.hashCode());
            }
        }
    }

    static final class Copying extends FieldReader {
        private final CopyingEventDecoder decoder = (CopyingEventDecoder) EventDecoder.create(DecodeStrategy.COPYING);

        Copying(DataType type) {
            super(type);
        }

        @Override
        void readTwo(byte[] value, Blackhole bh) throws MalformedEventException {
            Object record = decoder.read(value);
            switch (type) {
                case MARKET_DATA -> {
                    MarketData m = (MarketData) record;
                    bh.consume(m.getSymbol().hashCode());
                    bh.consume(m.getPrice());
                }
                case IOT_SENSOR -> {
                    IotSensorReading r = (IotSensorReading) record;
                    bh.consume(r.getDeviceId().hashCode());
                    bh.consume(r.getTemperature());
                }
                case LOG_EVENT -> {
                    LogEvent l = (LogEvent) record;
                    bh.consume(l.getLevel());
                    bh.consume(l.getService().hashCode());
                }
            }
        }

        @Override
        void readAll(byte[] value, Blackhole bh) throws MalformedEventException {
            Object record = decoder.read(value);
            switch (type) {
                case MARKET_DATA -> {
                    MarketData m = (MarketData) record;
                    bh.consume(m.getSymbol().hashCode());
                    bh.consume(m.getPrice());
                    bh.consume(m.getVolume());
                    bh.consume(m.getTimestamp());
                    hashMap(m.getMetadata(), bh);
                    bh.consume(m.getExchange() == null ? 0 : m.getExchange().hashCode());
                }
                case IOT_SENSOR -> {
                    IotSensorReading r = (IotSensorReading) record;
                    bh.consume(r.getDeviceId().hashCode());
                    bh.consume(r.getTemperature());
                    bh.consume(r.getHumidity());
                    List<Double> readings = r.getReadings();
                    for (int i = 0; i < readings.size(); i++) {
                        bh.consume(readings.get(i).doubleValue());
                    }
                    bh.consume(r.getRawData().hashCode());
                    bh.consume(r.getTimestamp());
                    bh.consume(r.getBatteryPercent() == null ? 0f : r.getBatteryPercent());
                }
                case LOG_EVENT -> {
                    LogEvent l = (LogEvent) record;
                    bh.consume(l.getTimestamp());
                    bh.consume(l.getLevel());
                    bh.consume(l.getService().hashCode());
                    bh.consume(l.getMessage().hashCode());
                    hashMap(l.getAttributes(), bh);
                    bh.consume(l.getHost() == null ? 0 : l.getHost().hashCode());
                }
            }
        }
    }

    static final class Generic extends FieldReader {
        private final GenericEventDecoder decoder = (GenericEventDecoder) EventDecoder.create(DecodeStrategy.GENERIC);

        Generic(DataType type) {
            super(type);
        }

        @Override
        void readTwo(byte[] value, Blackhole bh) throws MalformedEventException {
            GenericRecord r = decoder.read(value);
            switch (type) {
                case MARKET_DATA -> {
                    bh.consume(r.get("symbol").hashCode());
                    bh.consume(r.get("price"));
                }
                case IOT_SENSOR -> {
                    bh.consume(r.get("device_id").hashCode());
                    bh.consume(r.get("temperature"));
                }
                case LOG_EVENT -> {
                    bh.consume(r.get("level"));
                    bh.consume(r.get("service").hashCode());
                }
            }
        }

        @Override
        void readAll(byte[] value, Blackhole bh) throws MalformedEventException {
            GenericRecord r = decoder.read(value);
            for (org.apache.avro.Schema.Field field : r.getSchema().getFields()) {
                Object v = r.get(field.pos());
                if (v instanceof Map<?, ?> map) {
                    hashMap(map, bh);
                } else if (v instanceof List<?> list) {
                    for (int i = 0; i < list.size(); i++) {
                        bh.consume(((Double) list.get(i)).doubleValue());
                    }
                } else if (v instanceof ByteBuffer || v instanceof CharSequence) {
                    bh.consume(v.hashCode());
                } else {
                    bh.consume(v);
                }
            }
        }
    }

    static void hashMap(Map<?, ?> map, Blackhole bh) {
        if (map == null) {
            bh.consume(0);
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            bh.consume(e.getKey().hashCode());
            bh.consume(e.getValue().hashCode());
        }
    }
}
