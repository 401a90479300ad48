package lab.performance.observatory.schemas;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.performance.observatory.schemas.zerocopy.ByteSlice;
import lab.performance.observatory.schemas.zerocopy.DoubleArrayView;
import lab.performance.observatory.schemas.zerocopy.IotSensorView;
import lab.performance.observatory.schemas.zerocopy.LogEventView;
import lab.performance.observatory.schemas.zerocopy.MarketDataView;
import lab.performance.observatory.schemas.zerocopy.RecordView;
import lab.performance.observatory.schemas.zerocopy.StringMapView;
import lab.performance.observatory.schemas.zerocopy.Utf8Slice;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/** Every field of an event as plain values (strings, longs, lists, sorted maps, hex bytes), whatever read it. */
final class Canonical {

    private Canonical() {
    }

    /** A specific or generic record: field by field of its schema. */
    static Map<String, Object> of(IndexedRecord record) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Schema.Field field : record.getSchema().getFields()) {
            out.put(field.name(), value(record.get(field.pos())));
        }
        return out;
    }

    /** What a record written as {@code version} reads as: fields that version lacks take their defaults. */
    static Map<String, Object> asWrittenBy(IndexedRecord record, int version, lab.performance.observatory.core.spec.DataType type) {
        Map<String, Object> out = of(record);
        List<Schema.Field> written = EventSchemas.version(type, version).schema().getFields();
        for (Schema.Field field : record.getSchema().getFields()) {
            if (written.stream().noneMatch(f -> f.name().equals(field.name()))) {
                out.put(field.name(), null); // every added field defaults to null
            }
        }
        return out;
    }

    private static Object value(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof CharSequence || v instanceof Enum<?> || v instanceof org.apache.avro.generic.GenericEnumSymbol<?>) {
            return v.toString();
        }
        if (v instanceof Instant t) {
            return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
        }
        if (v instanceof ByteBuffer b) {
            ByteBuffer copy = b.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return HexFormat.of().formatHex(bytes);
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(value(item)));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, val) -> out.put(k.toString(), value(val)));
            return out;
        }
        return v; // Double, Float, Long, Integer, Boolean
    }

    /** A zero-copy view: every accessor. */
    static Map<String, Object> of(RecordView view) throws MalformedEventException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (view instanceof MarketDataView m) {
            out.put("symbol", m.symbol().toString());
            out.put("price", m.price());
            out.put("volume", m.volume());
            out.put("timestamp", m.timestampMicros());
            out.put("metadata", m.metadata() == null ? null : map(m.metadata()));
            out.put("exchange", m.exchange() == null ? null : m.exchange().toString());
        } else if (view instanceof IotSensorView r) {
            out.put("device_id", r.deviceId().toString());
            out.put("temperature", r.temperature());
            out.put("humidity", r.humidity());
            out.put("readings", list(r.readings()));
            out.put("raw_data", hex(r.rawData()));
            out.put("timestamp", r.timestampMicros());
            out.put("battery_percent", r.hasBatteryPercent() ? r.batteryPercent() : null);
        } else if (view instanceof lab.performance.observatory.schemas.zerocopy.RowChangeView c) {
            out.put("timestamp", c.timestampMicros());
            out.put("op", c.op().name());
            out.put("table", c.table().toString());
            out.put("row_id", c.rowId());
            out.put("commit_timestamp", c.commitTimestampMicros());
            out.put("lsn", c.lsn());
            out.put("row", hex(c.row()));
        } else {
            LogEventView l = (LogEventView) view;
            out.put("timestamp", l.timestampMicros());
            out.put("level", l.level().name());
            out.put("service", l.service().toString());
            out.put("message", l.message().toString());
            out.put("attributes", map(l.attributes()));
            out.put("host", l.host() == null ? null : l.host().toString());
        }
        view.validate();
        return out;
    }

    private static Map<String, Object> map(StringMapView view) throws MalformedEventException {
        Map<String, Object> out = new TreeMap<>();
        view.forEach((Utf8Slice key, Utf8Slice value) -> out.put(key.toString(), value.toString()));
        return out;
    }

    private static List<Object> list(DoubleArrayView view) throws MalformedEventException {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < view.size(); i++) {
            out.add(view.get(i));
        }
        return out;
    }

    private static String hex(ByteSlice slice) {
        return HexFormat.of().formatHex(slice.toBytes());
    }
}
