package lab.performance.observatory.core.spec;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The event kinds a data source can generate; the wire name is what specs and reports use. */
public enum DataType {
    MARKET_DATA("market_data", 48, 1),
    IOT_SENSOR("iot_sensor", 56, 1),
    LOG_EVENT("log_event", 64, 1),
    /** Row changes captured from PostgreSQL by Debezium (docs/cdc.md); in the catalogue since version 2. */
    CDC("cdc", 64, 2);

    /** The newest schema version of every event type; older writers stay readable. */
    public static final int LATEST_SCHEMA_VERSION = 2;

    private final String wireName;
    private final int minimumEventBytes;
    private final int firstSchemaVersion;

    DataType(String wireName, int minimumEventBytes, int firstSchemaVersion) {
        this.wireName = wireName;
        this.minimumEventBytes = minimumEventBytes;
        this.firstSchemaVersion = firstSchemaVersion;
    }

    /** The oldest schema version of this type: the catalogue version it first appeared in. */
    public int firstSchemaVersion() {
        return firstSchemaVersion;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The smallest framed event (header included) the generator can always produce for this type:
     * below it the mandatory fields alone exceed the requested size. Checked against the real
     * encoder by EventFactoryTest in the generator module.
     */
    public int minimumEventBytes() {
        return minimumEventBytes;
    }

    public static Optional<DataType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static String wireNames() {
        return Arrays.stream(values()).map(DataType::wireName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return wireName;
    }
}
