package lab.performance.observatory.schemas.zerocopy;

import java.nio.ByteBuffer;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.schemas.MalformedEventException;

/**
 * {@code IotSensorReading} in place. v1: device_id, temperature, humidity, readings, raw_data,
 * timestamp; v2 adds battery_percent.
 */
public final class IotSensorView extends RecordView {

    private static final int[] FIELDS = {0, 6, 7};

    private final Utf8Slice deviceId = new Utf8Slice();
    private final DoubleArrayView readings = new DoubleArrayView();
    private final ByteSlice rawData = new ByteSlice();
    private double temperature;
    private double humidity;
    private long timestamp;
    private boolean hasBattery;
    private float batteryPercent;

    public IotSensorView wrap(byte[] value, int bodyOffset, int version) {
        point(value, bodyOffset, version);
        return this;
    }

    public IotSensorView wrap(ByteBuffer body, int version) {
        point(body, version);
        return this;
    }

    @Override
    public DataType dataType() {
        return DataType.IOT_SENSOR;
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
        hasBattery = false;
        batteryPercent = 0;
    }

    @Override
    void readField(int index, AvroCursor in) throws MalformedEventException {
        switch (index) {
            case 0 -> in.readSlice(deviceId, "device_id");
            case 1 -> temperature = in.readDouble();
            case 2 -> humidity = in.readDouble();
            case 3 -> readings.skip(in, "readings");
            case 4 -> in.readSlice(rawData, "raw_data");
            case 5 -> timestamp = in.readLong();
            case 6 -> {
                hasBattery = in.readIndex(2, "battery_percent union") == 1;
                if (hasBattery) {
                    batteryPercent = in.readFloat();
                }
            }
            default -> throw new IllegalStateException("IoT reading has no field " + index);
        }
    }

    public Utf8Slice deviceId() throws MalformedEventException {
        ensure(0);
        return deviceId;
    }

    public double temperature() throws MalformedEventException {
        ensure(1);
        return temperature;
    }

    public double humidity() throws MalformedEventException {
        ensure(2);
        return humidity;
    }

    public DoubleArrayView readings() throws MalformedEventException {
        ensure(3);
        return readings;
    }

    public ByteSlice rawData() throws MalformedEventException {
        ensure(4);
        return rawData;
    }

    /** Epoch microseconds. */
    public long timestampMicros() throws MalformedEventException {
        ensure(5);
        return timestamp;
    }

    public boolean hasBatteryPercent() throws MalformedEventException {
        ensure(6);
        return hasBattery;
    }

    /** Meaningful only when {@link #hasBatteryPercent()}. */
    public float batteryPercent() throws MalformedEventException {
        ensure(6);
        return batteryPercent;
    }
}
