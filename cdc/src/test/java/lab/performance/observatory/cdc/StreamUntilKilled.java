package lab.performance.observatory.cdc;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A run's change stream in a JVM of its own, for {@link ChangeStreamIT} to kill mid-way: streams the
 * table through the slot named, prints {@code streamed N} as changes arrive, and never ends by itself.
 * Arguments: JDBC URL, run id, table.
 */
public final class StreamUntilKilled {

    public static void main(String[] args) throws Exception {
        CdcNames names = CdcNames.of(args[1]);
        AtomicLong seen = new AtomicLong();
        ChangeStream.start(PostgresAddress.parse(args[0], Optional.empty(), Optional.empty()), names, List.of(args[2]), change -> {
            System.out.println("streamed " + seen.incrementAndGet());
        });
        Thread.currentThread().join(); // until killed
    }

    private StreamUntilKilled() {
    }
}
