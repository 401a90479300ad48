package lab.performance.observatory.schemas;

import lab.performance.observatory.core.spec.DataType;
import org.apache.avro.Schema;

/**
 * The schema an event was written with. {@code version} is the bundled version it is identical to
 * (1, 2, ...), or 0 for a foreign schema (found in a registry, equal to no bundled version), which
 * only the Avro-resolving strategies can read.
 */
public record WriterSchema(DataType dataType, int version, Schema schema, long fingerprint) {

    public static final int FOREIGN = 0;

    public boolean bundled() {
        return version != FOREIGN;
    }
}
