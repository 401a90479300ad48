package lab.performance.observatory.store;

/**
 * Another writer advanced an input partition's progress since this one read it (a zombie after a
 * rebalance, or a second instance with the same application id). Nothing was written.
 */
public final class SinkFencedException extends Exception {

    public SinkFencedException(String message) {
        super(message);
    }
}
