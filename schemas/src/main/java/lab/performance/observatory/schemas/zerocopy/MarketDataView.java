package lab.performance.observatory.schemas.zerocopy;

import java.nio.ByteBuffer;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.schemas.MalformedEventException;

/** {@code MarketData} in place. v1: symbol, price, volume, timestamp, metadata; v2 adds exchange. */
public final class MarketDataView extends RecordView {

    private static final int[] FIELDS = {0, 5, 6};

    private final Utf8Slice symbol = new Utf8Slice();
    private final StringMapView metadata = new StringMapView();
    private final Utf8Slice exchange = new Utf8Slice();
    private double price;
    private long volume;
    private long timestamp;
    private boolean hasMetadata;
    private boolean hasExchange;

    public MarketDataView wrap(byte[] value, int bodyOffset, int version) {
        point(value, bodyOffset, version);
        return this;
    }

    public MarketDataView wrap(ByteBuffer body, int version) {
        point(body, version);
        return this;
    }

    @Override
    public DataType dataType() {
        return DataType.MARKET_DATA;
    }

    @Override
    int fieldsOf(int version) {
        return FIELDS[version];
    }

    @Override
    int fieldCounts() {
        return FIELDS.length;
    }

    @Override
    void clearOptionalFields() {
        hasExchange = false;
        exchange.clear();
    }

    @Override
    void readField(int index, AvroCursor in) throws MalformedEventException {
        switch (index) {
            case 0 -> in.readSlice(symbol, "symbol");
            case 1 -> price = in.readDouble();
            case 2 -> volume = in.readLong();
            case 3 -> timestamp = in.readLong();
            case 4 -> {
                hasMetadata = in.readIndex(2, "metadata union") == 1;
                if (hasMetadata) {
                    metadata.skip(in, "metadata");
                }
            }
            case 5 -> {
                hasExchange = in.readIndex(2, "exchange union") == 1;
                if (hasExchange) {
                    in.readSlice(exchange, "exchange");
                }
            }
            default -> throw new IllegalStateException("market data has no field " + index);
        }
    }

    public Utf8Slice symbol() throws MalformedEventException {
        ensure(0);
        return symbol;
    }

    public double price() throws MalformedEventException {
        ensure(1);
        return price;
    }

    public long volume() throws MalformedEventException {
        ensure(2);
        return volume;
    }

    /** Epoch microseconds. */
    public long timestampMicros() throws MalformedEventException {
        ensure(3);
        return timestamp;
    }

    /** The metadata map, or null when the record has none. */
    public StringMapView metadata() throws MalformedEventException {
        ensure(4);
        return hasMetadata ? metadata : null;
    }

    /** The exchange, or null (always null from a v1 writer). */
    public Utf8Slice exchange() throws MalformedEventException {
        ensure(5);
        return hasExchange ? exchange : null;
    }
}
