package lab.performance.observatory.schemas.registry;

/** The registry answered that it has no schema with this id. */
public final class UnknownSchemaIdException extends Exception {

    private final int id;

    public UnknownSchemaIdException(int id) {
        super("the registry has no schema with id " + id, null, false, false);
        this.id = id;
    }

    public int id() {
        return id;
    }
}
