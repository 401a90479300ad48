package lab.performance.observatory.cdc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * A run's replication slot and publication on PostgreSQL (docs/cdc.md): checked for, made before
 * anything is written so no change is missed, removed at the end, and a crashed run's leftovers
 * removed by the next run. Thin JDBC; what the settings mean is {@link ReplicationReadiness}'s.
 */
public final class PostgresReplication {

    private final DataSource dataSource;

    public PostgresReplication(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** What the server says about its logical replication settings. */
    public ReplicationReadiness readiness() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String walLevel = show(s, "wal_level");
            int maxSlots = Integer.parseInt(show(s, "max_replication_slots"));
            int maxSenders = Integer.parseInt(show(s, "max_wal_senders"));
            int version = Integer.parseInt(show(s, "server_version_num"));
            int slots = count(s, "SELECT count(*) FROM pg_replication_slots");
            int senders = count(s, "SELECT count(*) FROM pg_stat_replication");
            boolean replicate;
            try (ResultSet rs = s.executeQuery("SELECT rolsuper OR rolreplication FROM pg_roles WHERE rolname = current_user")) {
                replicate = rs.next() && rs.getBoolean(1);
            }
            return new ReplicationReadiness(walLevel, maxSlots, slots, maxSenders, senders, replicate, version);
        }
    }

    /**
     * The publication of {@code tables} (schema-qualified) and a {@code pgoutput} slot, in that order:
     * the slot keeps every change from its creation on, and decoding reads the publication as of each change.
     */
    public void create(CdcNames names, List<String> tables) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE PUBLICATION " + names.publication() + " FOR TABLE " + String.join(", ", tables));
            try (PreparedStatement slot = c.prepareStatement("SELECT pg_create_logical_replication_slot(?, 'pgoutput')")) {
                slot.setString(1, names.slot());
                slot.execute();
            }
        }
    }

    /**
     * The run's schema with one table per CDC source ({@code id} the primary key, {@code intended_us}
     * the change's intended time, {@code payload} its row), then its publication and slot.
     */
    public void createTables(CdcNames names, List<String> sourceNames) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + names.schema());
            for (String source : sourceNames) {
                s.execute("CREATE TABLE " + names.qualifiedTable(source)
                        + " (id bigint PRIMARY KEY, intended_us bigint NOT NULL, payload bytea NOT NULL)");
            }
        }
        create(names, sourceNames.stream().map(names::qualifiedTable).toList());
    }

    /** Drops the run's schema and its tables (after {@link #remove}). */
    public void dropTables(CdcNames names) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + names.schema() + " CASCADE");
        }
    }

    /** Whether the slot exists (and so still holds WAL back). */
    public boolean slotExists(String slot) throws SQLException {
        return exists("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?", slot);
    }

    public boolean publicationExists(String publication) throws SQLException {
        return exists("SELECT 1 FROM pg_publication WHERE pubname = ?", publication);
    }

    private boolean exists(String query, String name) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement p = c.prepareStatement(query)) {
            p.setString(1, name);
            try (ResultSet rs = p.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Removes the run's slot and publication. A slot still streamed (the engine's connection not yet
     * gone) has its WAL sender ended first; nothing that exists is left behind.
     */
    public void remove(CdcNames names) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            dropSlot(c, names.slot());
            try (Statement s = c.createStatement()) {
                s.execute("DROP PUBLICATION IF EXISTS " + names.publication());
            }
        }
    }

    /**
     * Removes the observatory's slots that no one streams and whose run is not {@code live}, with
     * their publications: what a run killed mid-way left. Returns the slots removed.
     */
    public List<String> removeLeftovers(Predicate<String> live) throws SQLException {
        List<String> removed = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> idle = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT slot_name FROM pg_replication_slots WHERE NOT active AND slot_type = 'logical'")) {
                while (rs.next()) {
                    if (CdcNames.ours(rs.getString(1))) {
                        idle.add(rs.getString(1));
                    }
                }
            }
            for (String slot : idle) {
                if (live.test(slot)) {
                    continue;
                }
                dropSlot(c, slot);
                try (Statement s = c.createStatement()) {
                    s.execute("DROP PUBLICATION IF EXISTS " + slot);
                    s.execute("DROP SCHEMA IF EXISTS " + slot + " CASCADE"); // the killed run's tables
                }
                removed.add(slot);
            }
            // a publication whose slot was never made (killed between the two) is a leftover too
            List<String> orphans = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pubname FROM pg_publication p WHERE NOT EXISTS "
                         + "(SELECT 1 FROM pg_replication_slots r WHERE r.slot_name = p.pubname)")) {
                while (rs.next()) {
                    if (CdcNames.ours(rs.getString(1)) && !live.test(rs.getString(1))) {
                        orphans.add(rs.getString(1));
                    }
                }
            }
            for (String publication : orphans) {
                try (Statement s = c.createStatement()) {
                    s.execute("DROP PUBLICATION IF EXISTS " + publication);
                    s.execute("DROP SCHEMA IF EXISTS " + publication + " CASCADE");
                }
            }
        }
        return removed;
    }

    private static void dropSlot(Connection c, String slot) throws SQLException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            Integer activePid = null;
            boolean exists = false;
            try (PreparedStatement p = c.prepareStatement("SELECT active_pid FROM pg_replication_slots WHERE slot_name = ?")) {
                p.setString(1, slot);
                try (ResultSet rs = p.executeQuery()) {
                    if (rs.next()) {
                        exists = true;
                        int pid = rs.getInt(1);
                        activePid = rs.wasNull() ? null : pid;
                    }
                }
            }
            if (!exists) {
                return;
            }
            if (activePid != null) {
                try (PreparedStatement p = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
                    p.setInt(1, activePid);
                    p.execute();
                }
            }
            try (PreparedStatement p = c.prepareStatement("SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots "
                    + "WHERE slot_name = ? AND NOT active")) {
                p.setString(1, slot);
                p.execute();
            }
            if (System.nanoTime() > deadline) {
                throw new SQLException("replication slot " + slot + " is still in use after 30 s; drop it with SELECT pg_drop_replication_slot('"
                        + slot + "')");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while dropping replication slot " + slot, e);
            }
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
