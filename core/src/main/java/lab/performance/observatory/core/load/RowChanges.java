package lab.performance.observatory.core.load;

import java.util.Arrays;
import java.util.SplittableRandom;
import lab.performance.observatory.core.spec.ChangeMix;

/**
 * The row changes a CDC source makes, one per scheduled event (docs/cdc.md): an insert of a new row
 * (ids 1, 2, 3 ...), or an update or delete of a row that is live, drawn uniformly, in the source's
 * mix. With no live row, an update or delete becomes an insert. Seeded: the same spec changes the
 * same rows. Not thread-safe; allocation-free once the live set has grown.
 */
public final class RowChanges {

    /** One change: its operation and row. Reused between calls. */
    public static final class Change {
        public ChangeMix.Op op;
        public long rowId;
    }

    private final ChangeMix mix;
    private final SplittableRandom random;
    private final Change change = new Change();
    /** Live row ids in no particular order; a delete moves the last one into the freed slot. */
    private long[] live = new long[1024];
    private int liveCount;
    private long nextId = 1;

    public RowChanges(ChangeMix mix, SplittableRandom random) {
        this.mix = mix;
        this.random = random;
    }

    public Change next() {
        ChangeMix.Op op = mix.pick(random.nextDouble());
        if (op != ChangeMix.Op.INSERT && liveCount == 0) {
            op = ChangeMix.Op.INSERT;
        }
        change.op = op;
        switch (op) {
            case INSERT -> {
                if (liveCount == live.length) {
                    live = Arrays.copyOf(live, live.length * 2);
                }
                change.rowId = nextId++;
                live[liveCount++] = change.rowId;
            }
            case UPDATE -> change.rowId = live[random.nextInt(liveCount)];
            case DELETE -> {
                int i = random.nextInt(liveCount);
                change.rowId = live[i];
                live[i] = live[--liveCount];
            }
        }
        return change;
    }

    /** Rows that exist after the changes so far. */
    public int liveRows() {
        return liveCount;
    }
}
