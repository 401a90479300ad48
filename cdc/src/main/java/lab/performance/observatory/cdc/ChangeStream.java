package lab.performance.observatory.cdc;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.ChangeEvent;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Debezium's embedded engine streaming a run's tables from its slot and publication (made
 * beforehand by {@link PostgresReplication#create}) with {@code pgoutput}: every change committed
 * after the slot was made, none before (no snapshot), handed to {@code handler} in commit order on
 * the engine's thread, and acknowledged to the slot once handled. Offsets live in memory: a run
 * streams once, and a killed run's slot is removed, not resumed (docs/cdc.md).
 */
public final class ChangeStream implements AutoCloseable {

    private final DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
    private final ExecutorService executor;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean ended;

    private ChangeStream(Properties config, Consumer<Change> handler) {
        this.engine = DebeziumEngine.create(Connect.class)
                .using(config)
                .using((success, message, error) -> {
                    if (!success) {
                        failure.compareAndSet(null, error != null ? error : new IllegalStateException(message));
                    }
                    ended = true;
                })
                .notifying((List<ChangeEvent<SourceRecord, SourceRecord>> records, DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer) -> {
                    for (ChangeEvent<SourceRecord, SourceRecord> r : records) {
                        Change change = change(r.value());
                        if (change != null) {
                            handler.accept(change);
                        }
                        committer.markProcessed(r);
                    }
                    committer.markBatchFinished();
                })
                .build();
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cdc-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts streaming {@code tables} (schema-qualified) of the database at {@code address}. */
    public static ChangeStream start(PostgresAddress address, CdcNames names, List<String> tables, Consumer<Change> handler) {
        ChangeStream stream = new ChangeStream(config(address, names, tables), handler);
        stream.executor.execute(stream.engine);
        return stream;
    }

    static Properties config(PostgresAddress address, CdcNames names, List<String> tables) {
        Properties p = new Properties();
        p.setProperty("name", names.slot());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
        p.setProperty("offset.flush.interval.ms", "1000");
        p.setProperty("database.hostname", address.host());
        p.setProperty("database.port", Integer.toString(address.port()));
        p.setProperty("database.user", address.user());
        p.setProperty("database.password", address.password());
        p.setProperty("database.dbname", address.database());
        p.setProperty("topic.prefix", names.slot());
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", names.slot());
        p.setProperty("publication.name", names.publication());
        p.setProperty("publication.autocreate.mode", "disabled");
        p.setProperty("slot.drop.on.stop", "false"); // PostgresReplication removes it, also after a crash
        p.setProperty("snapshot.mode", "no_data");
        p.setProperty("table.include.list", String.join(",", tables));
        p.setProperty("tombstones.on.delete", "false");
        p.setProperty("poll.interval.ms", "5");
        p.setProperty("max.batch.size", "4096");
        p.setProperty("max.queue.size", "32768");
        return p;
    }

    /** The change a record holds; null for what is not a row change (heartbeats, transaction markers). */
    static Change change(SourceRecord record) {
        if (!(record.value() instanceof Struct value) || value.schema().field("op") == null) {
            return null;
        }
        Change.Op op = switch (value.getString("op")) {
            case "c", "r" -> Change.Op.INSERT;
            case "u" -> Change.Op.UPDATE;
            case "d" -> Change.Op.DELETE;
            default -> null;
        };
        if (op == null) {
            return null;
        }
        Struct source = value.getStruct("source");
        long commitMicros = source.schema().field("ts_us") != null && source.get("ts_us") != null ? source.getInt64("ts_us")
                : source.getInt64("ts_ms") * 1000;
        Object lsn = source.get("lsn");
        Object txId = source.get("txId");
        return new Change(op, source.getString("schema") + "." + source.getString("table"), row(value, "before"), row(value, "after"),
                commitMicros, lsn == null ? -1 : ((Number) lsn).longValue(), txId == null ? -1 : ((Number) txId).longValue());
    }

    private static Map<String, Object> row(Struct value, String side) {
        if (value.schema().field(side) == null) {
            return null;
        }
        Struct row = value.getStruct(side);
        if (row == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : row.schema().fields()) {
            Object v = row.get(f);
            out.put(f.name(), v instanceof java.nio.ByteBuffer b ? bytes(b) : v);
        }
        return out;
    }

    private static byte[] bytes(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /** Why the engine stopped on its own, if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** Whether the engine has stopped (closed, or failed). */
    public boolean ended() {
        return ended;
    }

    /** Stops the engine and waits for its thread; an engine that already stopped is left as it is. */
    @Override
    public void close() throws IOException {
        if (!ended) {
            try {
                engine.close();
            } catch (IllegalStateException e) {
                // it stopped between the check and the close: closing a stopped engine throws
            }
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
