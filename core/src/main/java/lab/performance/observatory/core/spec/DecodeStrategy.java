package lab.performance.observatory.core.spec;

import java.util.Arrays;
import java.util.Optional;

/** How the topology turns record bytes into events. */
public enum DecodeStrategy {
    /** Avro SpecificDatumReader into generated classes: the baseline every comparison is made against. */
    COPYING("copying", true),
    /** flyweight views read the record bytes in place: no copy, no allocation per event */
    ZERO_COPY("zero-copy", true),
    /** Avro GenericDatumReader into GenericRecord */
    GENERIC("generic", true);

    private final String wireName;
    private final boolean available;

    DecodeStrategy(String wireName, boolean available) {
        this.wireName = wireName;
        this.available = available;
    }

    public String wireName() {
        return wireName;
    }

    public boolean available() {
        return available;
    }

    public static Optional<DecodeStrategy> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }
}
