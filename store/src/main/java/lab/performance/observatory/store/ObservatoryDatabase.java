package lab.performance.observatory.store;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** The observatory's PostgreSQL schema: migrations and the partitions windows are written into. */
public final class ObservatoryDatabase {

    /** Where the migrations live on the classpath; every component migrates with the same set. */
    public static final String MIGRATIONS = "classpath:db/observatory";

    private ObservatoryDatabase() {
    }

    /** Brings the schema up to date. Safe to call concurrently: Flyway serialises on a lock. */
    public static void migrate(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations(MIGRATIONS)
                .load()
                .migrate();
    }

    /**
     * Makes sure daily window partitions exist from {@code from} for {@code days} days (native
     * partitioning only; a hypertable makes its own chunks). Returns how many were created.
     */
    public static int ensureWindowPartitions(DataSource dataSource, LocalDate from, int days) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT observatory_ensure_window_partitions(?, ?)")) {
            s.setDate(1, Date.valueOf(from));
            s.setInt(2, days);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
