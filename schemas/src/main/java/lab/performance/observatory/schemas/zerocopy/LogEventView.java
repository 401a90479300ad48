package lab.performance.observatory.schemas.zerocopy;

import java.nio.ByteBuffer;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.events.LogLevel;
import lab.performance.observatory.schemas.MalformedEventException;

/** {@code LogEvent} in place. v1: timestamp, level, service, message, attributes; v2 adds host. */
public final class LogEventView extends RecordView {

    private static final int[] FIELDS = {0, 5, 6};
    private static final LogLevel[] LEVELS = LogLevel.values();

    private final Utf8Slice service = new Utf8Slice();
    private final Utf8Slice message = new Utf8Slice();
    private final StringMapView attributes = new StringMapView();
    private final Utf8Slice host = new Utf8Slice();
    private long timestamp;
    private int level;
    private boolean hasHost;

    public LogEventView wrap(byte[] value, int bodyOffset, int version) {
        point(value, bodyOffset, version);
        return this;
    }

    public LogEventView wrap(ByteBuffer body, int version) {
        point(body, version);
        return this;
    }

    @Override
    public DataType dataType() {
        return DataType.LOG_EVENT;
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
        hasHost = false;
        host.clear();
    }

    @Override
    void readField(int index, AvroCursor in) throws MalformedEventException {
        switch (index) {
            case 0 -> timestamp = in.readLong();
            case 1 -> level = in.readIndex(LEVELS.length, "level");
            case 2 -> in.readSlice(service, "service");
            case 3 -> in.readSlice(message, "message");
            case 4 -> attributes.skip(in, "attributes");
            case 5 -> {
                hasHost = in.readIndex(2, "host union") == 1;
                if (hasHost) {
                    in.readSlice(host, "host");
                }
            }
            default -> throw new IllegalStateException("log event has no field " + index);
        }
    }

    /** Epoch microseconds. */
    public long timestampMicros() throws MalformedEventException {
        ensure(0);
        return timestamp;
    }

    public LogLevel level() throws MalformedEventException {
        ensure(1);
        return LEVELS[level];
    }

    public Utf8Slice service() throws MalformedEventException {
        ensure(2);
        return service;
    }

    public Utf8Slice message() throws MalformedEventException {
        ensure(3);
        return message;
    }

    public StringMapView attributes() throws MalformedEventException {
        ensure(4);
        return attributes;
    }

    /** The host, or null (always null from a v1 writer). */
    public Utf8Slice host() throws MalformedEventException {
        ensure(5);
        return hasHost ? host : null;
    }
}
