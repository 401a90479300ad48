package lab.performance.observatory.topology;

import io.agroal.api.AgroalDataSource;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jboss.logging.Logger;

/** Keeps tomorrow's window partition ahead of the clock for a topology that runs for days. */
@ApplicationScoped
public class PartitionMaintenance {

    private static final Logger LOG = Logger.getLogger(PartitionMaintenance.class);

    private final AgroalDataSource dataSource;

    PartitionMaintenance(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Scheduled(every = "1h", delayed = "1h")
    void ensureUpcomingPartitions() {
        try {
            int created = lab.performance.observatory.store.ObservatoryDatabase.ensureWindowPartitions(
                    dataSource, LocalDate.now(ZoneOffset.UTC), 2);
            if (created > 0) {
                LOG.infof("created %d window partition(s)", created);
            }
        } catch (SQLException e) {
            LOG.warnf("could not create upcoming window partitions (rows fall into the default partition meanwhile): %s", e.getMessage());
        }
    }
}
