package lab.performance.observatory.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import lab.performance.observatory.stack.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debezium's engine on a real PostgreSQL (the embedded one, wal_level = logical): every committed
 * change of the run's table arrives once, in commit order, with its commit time; nothing of a rolled
 * back transaction or another table; the slot and publication are gone afterwards, and the slot of
 * a run killed while streaming (a JVM of its own, SIGKILL) is removed by the next one.
 */
class ChangeStreamIT {

    @TempDir
    static Path dir;
    static EmbeddedPostgresServer postgres;
    static PostgresReplication replication;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), Path.of("target/pg-binaries"));
        replication = new PostgresReplication(postgres.dataSource());
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE rows_a (id bigint PRIMARY KEY, intended_us bigint NOT NULL, payload bytea NOT NULL)");
            s.execute("CREATE TABLE rows_b (id bigint PRIMARY KEY, intended_us bigint NOT NULL, payload bytea NOT NULL)");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void theEmbeddedServerCanReplicate() throws Exception {
        ReplicationReadiness readiness = replication.readiness();
        assertThat(readiness.walLevel()).isEqualTo("logical");
        assertThat(readiness.problems()).isEmpty();
    }

    @Test
    void everyCommittedChangeArrivesOnceInCommitOrderAndTheSlotIsGoneAfterwards() throws Exception {
        CdcNames names = CdcNames.of("cdc-it-" + System.nanoTime());
        replication.create(names, List.of("public.rows_a"));
        assertThat(replication.slotExists(names.slot())).isTrue();
        List<Change> seen = new CopyOnWriteArrayList<>();
        long before = System.currentTimeMillis() * 1000;
        // written before the engine starts, after the slot was made: kept by the slot, not missed
        write("INSERT INTO rows_a VALUES (0, 0, '\\x00')");
        PostgresAddress address = PostgresAddress.parse(postgres.jdbcUrl(), Optional.empty(), Optional.empty());
        try (ChangeStream stream = ChangeStream.start(address, names, List.of("public.rows_a"), seen::add)) {
            try (Connection c = postgres.dataSource().getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO rows_a VALUES (?, ?, ?)")) {
                    for (int i = 1; i <= 2000; i++) {
                        insert.setLong(1, i);
                        insert.setLong(2, i * 10L);
                        insert.setBytes(3, new byte[i % 300 + 1]);
                        insert.addBatch();
                        if (i % 100 == 0) {
                            insert.executeBatch();
                            c.commit();
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("UPDATE rows_a SET intended_us = intended_us + 1 WHERE id BETWEEN 1 AND 500");
                    s.execute("DELETE FROM rows_a WHERE id > 1800");
                    c.commit();
                    s.execute("INSERT INTO rows_a VALUES (99999, 0, '\\x01')");
                    c.rollback(); // never committed: never streamed
                    s.execute("INSERT INTO rows_b VALUES (1, 0, '\\x01')"); // not in the publication
                    c.commit();
                }
            }
            int expected = 1 + 2000 + 500 + 200;
            await().atMost(Duration.ofSeconds(90)).until(() -> seen.size() >= expected || stream.ended());
            assertThat(stream.failure()).isEmpty();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> seen.size() == expected); // and no more

        }
        Map<Change.Op, Integer> ops = new ConcurrentHashMap<>();
        seen.forEach(ch -> ops.merge(ch.op(), 1, Integer::sum));
        assertThat(ops).containsEntry(Change.Op.INSERT, 2001).containsEntry(Change.Op.UPDATE, 500).containsEntry(Change.Op.DELETE, 200);
        assertThat(seen).allSatisfy(ch -> {
            assertThat(ch.table()).isEqualTo("public.rows_a");
            assertThat(ch.commitMicros()).isGreaterThanOrEqualTo(before - 5_000_000);
            assertThat(ch.lsn()).isPositive();
        });
        assertThat(seen.stream().map(ch -> ((Number) ch.column("id")).longValue()).filter(id -> id == 99999)).isEmpty();
        // commit order: LSNs never go back
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i).lsn()).isGreaterThanOrEqualTo(seen.get(i - 1).lsn());
        }
        Change update = seen.stream().filter(ch -> ch.op() == Change.Op.UPDATE).findFirst().orElseThrow();
        assertThat(((Number) update.after().get("intended_us")).longValue() % 10).isEqualTo(1);
        assertThat(update.after().get("payload")).isInstanceOf(byte[].class);

        replication.remove(names);
        assertThat(replication.slotExists(names.slot())).isFalse();
        assertThat(replication.publicationExists(names.publication())).isFalse();
    }

    @Test
    void aSlotLeftByARunThatDidNotEndIsRemovedByTheNextUnlessItsRunIsLive() throws Exception {
        CdcNames crashed = CdcNames.of("crashed-" + System.nanoTime());
        CdcNames live = CdcNames.of("live-" + System.nanoTime());
        replication.create(crashed, List.of("public.rows_b"));
        replication.create(live, List.of("public.rows_b"));
        // a publication made by a run killed before its slot
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE PUBLICATION obs_cdc_half_made FOR TABLE rows_b");
            s.execute("CREATE PUBLICATION someone_elses FOR TABLE rows_b");
            s.execute("SELECT pg_create_logical_replication_slot('someone_elses', 'pgoutput')");
        }
        List<String> removed = replication.removeLeftovers(slot -> slot.equals(live.slot()));
        assertThat(removed).containsExactly(crashed.slot());
        assertThat(replication.slotExists(crashed.slot())).isFalse();
        assertThat(replication.publicationExists(crashed.publication())).isFalse();
        assertThat(replication.publicationExists("obs_cdc_half_made")).isFalse();
        assertThat(replication.slotExists(live.slot())).isTrue();
        assertThat(replication.slotExists("someone_elses")).as("not the observatory's").isTrue();
        assertThat(replication.publicationExists("someone_elses")).isTrue();
        replication.remove(live);
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_drop_replication_slot('someone_elses')");
            s.execute("DROP PUBLICATION someone_elses");
        }
    }

    @Test
    void aRunKilledWhileStreamingLeavesItsSlotAndTheNextRunRemovesIt() throws Exception {
        CdcNames killed = CdcNames.of("killed-" + System.nanoTime());
        replication.create(killed, List.of("public.rows_b"));
        List<String> command = lab.performance.observatory.process.ChildProcess.javaCommand(List.of("-Xmx256m"),
                System.getProperty("java.class.path"), StreamUntilKilled.class.getName(),
                List.of(postgres.jdbcUrl(), killed.runId(), "public.rows_b"));
        try (lab.performance.observatory.process.ChildProcess child = lab.performance.observatory.process.ChildProcess.start(
                "stream", command, dir.resolve("stream.log"), Map.of())) {
            write("INSERT INTO rows_b VALUES (" + (System.nanoTime() % 1_000_000_000L) + ", 0, '\\x01')");
            child.awaitLine(l -> l.equals("streamed 1"), Duration.ofSeconds(90));
            assertThat(replication.removeLeftovers(slot -> false)).as("streamed: not a leftover").doesNotContain(killed.slot());
            child.handle().destroyForcibly(); // SIGKILL: nothing of the run's own cleanup runs
            child.handle().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(replication.slotExists(killed.slot())).as("the killed run's slot outlives it").isTrue();
        // its WAL sender notices the lost connection; then the slot is idle and the next run removes it
        await().atMost(Duration.ofSeconds(60)).until(() -> replication.removeLeftovers(slot -> false).contains(killed.slot()));
        assertThat(replication.slotExists(killed.slot())).isFalse();
        assertThat(replication.publicationExists(killed.publication())).isFalse();
    }

    private static void write(String sql) throws Exception {
        try (Connection c = postgres.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
