package lab.performance.observatory.schemas;

import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.events.LogLevel;
import lab.performance.observatory.schemas.zerocopy.IotSensorView;
import lab.performance.observatory.schemas.zerocopy.LogEventView;
import lab.performance.observatory.schemas.zerocopy.MarketDataView;
import lab.performance.observatory.schemas.zerocopy.RecordView;
import lab.performance.observatory.schemas.zerocopy.RowChangeView;

/**
 * Zero copy: the record bytes Kafka handed over are read in place through reused flyweight views;
 * nothing is copied and nothing allocated per event. A writer schema the views do not know (a
 * registry schema equal to no bundled version) goes through the copying path instead, counted as
 * a fallback.
 */
public final class ZeroCopyEventDecoder implements EventDecoder {

    private final WriterSchemaResolver resolver;
    private final CopyingEventDecoder fallback;
    private final MarketDataView market = new MarketDataView();
    private final IotSensorView iot = new IotSensorView();
    private final LogEventView log = new LogEventView();
    private final RowChangeView change = new RowChangeView();
    private long fallbacks;

    ZeroCopyEventDecoder(WriterSchemaResolver resolver) {
        this.resolver = resolver;
        this.fallback = new CopyingEventDecoder(resolver);
    }

    @Override
    public DecodeStrategy strategy() {
        return DecodeStrategy.ZERO_COPY;
    }

    /** Events this decoder handed to the copying path so far. */
    public long fallbacks() {
        return fallbacks;
    }

    @Override
    public void decode(byte[] value, EventFields out) throws MalformedEventException {
        WriterSchema writer = resolver.resolve(value);
        if (!writer.bundled()) {
            fallbacks++;
            fallback.decode(writer, value, out, true);
            return;
        }
        int body = WriterSchemaResolver.bodyOffset(value);
        int payload = value.length - body;
        switch (writer.dataType()) {
            case MARKET_DATA -> {
                MarketDataView m = market.wrap(value, body, writer.version());
                m.validate();
                out.set(DataType.MARKET_DATA, m.timestampMicros(), m.price() * m.volume(), payload, 0, false);
            }
            case IOT_SENSOR -> {
                IotSensorView r = iot.wrap(value, body, writer.version());
                r.validate();
                out.set(DataType.IOT_SENSOR, r.timestampMicros(), r.temperature(), payload, 0, false);
            }
            case LOG_EVENT -> {
                LogEventView l = log.wrap(value, body, writer.version());
                l.validate();
                out.set(DataType.LOG_EVENT, l.timestampMicros(), l.level().ordinal() >= LogLevel.WARN.ordinal() ? 1 : 0, payload, 0, false);
            }
            case CDC -> {
                RowChangeView c = change.wrap(value, body, writer.version());
                c.validate();
                out.set(DataType.CDC, c.timestampMicros(), c.row().length(), payload, 0, false);
            }
        }
    }

    /**
     * The view of a value, positioned but not yet read (each accessor reads as far as it needs); null
     * for a writer schema the views do not know.
     */
    public RecordView view(byte[] value) throws MalformedEventException {
        WriterSchema writer = resolver.resolve(value);
        if (!writer.bundled()) {
            return null;
        }
        int body = WriterSchemaResolver.bodyOffset(value);
        return switch (writer.dataType()) {
            case MARKET_DATA -> market.wrap(value, body, writer.version());
            case IOT_SENSOR -> iot.wrap(value, body, writer.version());
            case LOG_EVENT -> log.wrap(value, body, writer.version());
            case CDC -> change.wrap(value, body, writer.version());
        };
    }
}
