package lab.performance.observatory.schemas;

/**
 * Avro allocates a string, bytes or collection of whatever length a record claims before reading
 * it, so a corrupt length prefix could ask for gigabytes. No event is larger than 1 MiB (the spec
 * caps sizes there), so bound every length to that unless the operator already set a limit.
 */
final class AvroLimits {

    static final String MAX_LENGTH = Integer.toString(1 << 20);

    private AvroLimits() {
    }

    static void applyDefaults() {
        System.getProperties().putIfAbsent("org.apache.avro.limits.string.maxLength", MAX_LENGTH);
        System.getProperties().putIfAbsent("org.apache.avro.limits.bytes.maxLength", MAX_LENGTH);
        System.getProperties().putIfAbsent("org.apache.avro.limits.collectionItems.maxLength", MAX_LENGTH);
    }
}
