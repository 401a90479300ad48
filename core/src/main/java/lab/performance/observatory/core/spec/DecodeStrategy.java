package lab.performance.observatory.core.spec;

import java.util.Arrays;
import java.util.Optional;

/** How the topology turns record bytes into events. */
public enum DecodeStrategy {
    /** Avro SpecificDatumReader into generated classes: the baseline every comparison is made against. */
    COPYING("copying", true),
    /** flyweight views over the record bytes; arrives with the zero-copy readers */
    ZERO_COPY("zero-copy", false),
    /** Avro GenericDatumReader into GenericRecord; arrives with the zero-copy readers */
    GENERIC("generic", false);

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
