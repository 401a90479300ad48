package lab.performance.observatory.cdc;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether a PostgreSQL server can stream changes to Debezium through {@code pgoutput}, from the
 * settings it reports (docs/cdc.md): logical WAL, a free replication slot and WAL sender, and a
 * role allowed to replicate. Each problem is one line naming the setting to change.
 *
 * @param walLevel            {@code SHOW wal_level}
 * @param maxReplicationSlots {@code SHOW max_replication_slots}
 * @param slotsInUse          rows of {@code pg_replication_slots}
 * @param maxWalSenders       {@code SHOW max_wal_senders}
 * @param walSendersInUse     rows of {@code pg_stat_replication}
 * @param canReplicate        the role is a superuser or has REPLICATION
 * @param serverVersionNum    {@code SHOW server_version_num} (pgoutput needs 10 or later)
 */
public record ReplicationReadiness(String walLevel, int maxReplicationSlots, int slotsInUse, int maxWalSenders, int walSendersInUse,
                                   boolean canReplicate, int serverVersionNum) {

    /** What stops a change capture on this server; empty when nothing does. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (serverVersionNum < 100_000) {
            problems.add("PostgreSQL " + serverVersionNum / 10_000 + " has no pgoutput: CDC sources need PostgreSQL 10 or later");
        }
        if (!"logical".equals(walLevel)) {
            problems.add("wal_level is " + walLevel + ": CDC sources need wal_level = logical (set it in postgresql.conf, or with "
                    + "ALTER SYSTEM SET wal_level = logical, and restart PostgreSQL)");
        }
        if (slotsInUse >= maxReplicationSlots) {
            problems.add("max_replication_slots is " + maxReplicationSlots + " and " + slotsInUse + " in use: a CDC source needs one free "
                    + "(raise max_replication_slots and restart, or drop an unused slot)");
        }
        if (walSendersInUse >= maxWalSenders) {
            problems.add("max_wal_senders is " + maxWalSenders + " and " + walSendersInUse + " in use: a CDC source needs one free "
                    + "(raise max_wal_senders and restart)");
        }
        if (!canReplicate) {
            problems.add("the database user may not replicate: CDC sources need a superuser or a role WITH REPLICATION");
        }
        return problems;
    }
}
