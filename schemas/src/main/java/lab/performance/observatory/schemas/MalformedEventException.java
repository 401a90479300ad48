package lab.performance.observatory.schemas;

/**
 * The one exception a decoder throws for bytes that are not a well-formed event of a known schema.
 * The topology turns it into a dead-lettered record whose reason header is {@link #describe()}.
 */
public final class MalformedEventException extends Exception {

    public enum Reason {
        TOO_SHORT("too-short"),
        BAD_MAGIC("bad-magic"),
        UNKNOWN_SCHEMA("unknown-schema"),
        UNKNOWN_SCHEMA_ID("unknown-schema-id"),
        REGISTRY_UNAVAILABLE("registry-unavailable"),
        WRONG_TYPE("wrong-type"),
        TRUNCATED("truncated"),
        INVALID_BODY("invalid-body"),
        TRAILING_BYTES("trailing-bytes");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** Short, stable, label-safe: used as a metric tag and as the prefix of the reason header. */
        public String code() {
            return code;
        }
    }

    private final Reason reason;

    public MalformedEventException(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public MalformedEventException(Reason reason, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** "code: detail", e.g. {@code bad-magic: expected 0xC3 0x01, got 0x00 0x00}. */
    public String describe() {
        return reason.code + ": " + getMessage();
    }
}
