package lab.performance.observatory.operator;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.RunStore;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The operator's way to the runs in PostgreSQL: the same store the CLI, generators and topology use.
 * The schema is brought up to date on first use, not at start-up, so the operator comes up (and
 * provisions benchmarks) while the database is still starting.
 */
@ApplicationScoped
public class RunLedger {

    private final Optional<String> jdbcUrl;
    private volatile RunStore store;

    public RunLedger(OperatorSettings settings) {
        this.jdbcUrl = settings.jdbcUrl().filter(u -> !u.isBlank());
    }

    /** The store, or empty when no database is configured. */
    Optional<RunStore> store() {
        if (jdbcUrl.isEmpty()) {
            return Optional.empty();
        }
        RunStore s = store;
        if (s == null) {
            synchronized (this) {
                if (store == null) {
                    PGSimpleDataSource dataSource = new PGSimpleDataSource();
                    dataSource.setURL(jdbcUrl.get());
                    ObservatoryDatabase.migrate(dataSource);
                    store = new RunStore(dataSource);
                }
                s = store;
            }
        }
        return Optional.of(s);
    }
}
