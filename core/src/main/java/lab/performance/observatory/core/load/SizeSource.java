package lab.performance.observatory.core.load;

/** Where a data source's event sizes come from, one per event in order: a distribution, or a recording. */
public interface SizeSource {

    /** The framed size of the next event, bytes. */
    int next();
}
