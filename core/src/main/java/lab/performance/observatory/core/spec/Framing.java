package lab.performance.observatory.core.spec;

import java.util.Arrays;
import java.util.Optional;

/** How a data source frames its events on the wire (docs/architecture.md, "Contracts"). */
public enum Framing {
    /** registry framing when the run has a schema registry, single-object encoding otherwise */
    AUTO("auto"),
    /** 0xC3 0x01 + the schema fingerprint: readable against the bundled schemas, no registry */
    SINGLE_OBJECT("single_object"),
    /** 0x00 + the schema's registry id (Confluent's framing, which Apicurio's ccompat API speaks) */
    REGISTRY("registry");

    private final String wireName;

    Framing(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Framing> fromWireName(String name) {
        return Arrays.stream(values()).filter(f -> f.wireName.equals(name)).findFirst();
    }

    /** What AUTO means for a run with or without a registry. */
    public Framing resolve(boolean registryAvailable) {
        return this == AUTO ? (registryAvailable ? REGISTRY : SINGLE_OBJECT) : this;
    }
}
