package lab.performance.observatory.core.spec;

/**
 * What share of a CDC source's changes are inserts, updates and deletes (docs/cdc.md); the
 * fractions add up to 1. An update or delete needs a live row: with none, the change is an insert.
 */
public record ChangeMix(double insert, double update, double delete) {

    public static final ChangeMix DEFAULT = new ChangeMix(0.6, 0.3, 0.1);

    public ChangeMix {
        if (insert < 0 || update < 0 || delete < 0 || Math.abs(insert + update + delete - 1) > 1e-9) {
            throw new IllegalArgumentException("change mix fractions must be >= 0 and add up to 1 (got " + insert + ", " + update + ", " + delete + ")");
        }
    }

    public enum Op {
        INSERT, UPDATE, DELETE
    }

    /** The operation a uniform draw {@code u} in [0, 1) picks. */
    public Op pick(double u) {
        if (u < insert) {
            return Op.INSERT;
        }
        return u < insert + update ? Op.UPDATE : Op.DELETE;
    }
}
