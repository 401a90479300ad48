package lab.performance.observatory.generator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.events.ChangeOperation;
import lab.performance.observatory.schemas.MalformedEventException;
import lab.performance.observatory.schemas.zerocopy.RowChangeView;

/**
 * A CDC source's sink (docs/cdc.md): each event is a change the sender's factory decided, made to
 * the source's table in PostgreSQL in a transaction of its own: insert or update the row with its
 * intended time and payload, or delete it. A committed change counts as acknowledged (its commit
 * latency is the source's publish latency); Debezium then streams it to the topic. A delete leaves
 * no intended time in the row, so its own is handed to the forwarder through {@code deleteIntents}.
 */
final class RowSink implements EventSink, AutoCloseable {

    private final Connection connection;
    private final PreparedStatement insert;
    private final PreparedStatement update;
    private final PreparedStatement delete;
    private final int headerBytes;
    private final Map<Long, Long> deleteIntents;
    private final SourceCounters counters;
    private final NanoClock clock;
    private final RowChangeView view = new RowChangeView();

    RowSink(Connection connection, String table, int headerBytes, Map<Long, Long> deleteIntents, SourceCounters counters, NanoClock clock)
            throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(true);
        try (java.sql.Statement session = connection.createStatement()) {
            // as an application's writes commit: durable before they return. With it off (the embedded server's default for
            // the observatory's own tables), WAL reaches the WAL sender only at the WAL writer's next flush, up to 200 ms later.
            session.execute("SET synchronous_commit TO on");
        }
        this.insert = connection.prepareStatement("INSERT INTO " + table + " (id, intended_us, payload) VALUES (?, ?, ?)");
        this.update = connection.prepareStatement("UPDATE " + table + " SET intended_us = ?, payload = ? WHERE id = ?");
        this.delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?");
        this.headerBytes = headerBytes;
        this.deleteIntents = deleteIntents;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void send(byte[] key, byte[] value, long intendedEpochNanos, long sentNanoTime) {
        try {
            RowChangeView change = view.wrap(value, headerBytes, lab.performance.observatory.core.spec.DataType.CDC.firstSchemaVersion());
            long row = change.rowId();
            long intendedMicros = intendedEpochNanos / 1000;
            ChangeOperation op = change.op();
            int changed = switch (op) {
                case INSERT -> {
                    insert.setLong(1, row);
                    insert.setLong(2, intendedMicros);
                    insert.setBytes(3, change.row().toBytes());
                    yield insert.executeUpdate();
                }
                case UPDATE -> {
                    update.setLong(1, intendedMicros);
                    update.setBytes(2, change.row().toBytes());
                    update.setLong(3, row);
                    yield update.executeUpdate();
                }
                case DELETE -> {
                    deleteIntents.put(row, intendedMicros);
                    delete.setLong(1, row);
                    yield delete.executeUpdate();
                }
            };
            if (changed != 1) {
                deleteIntents.remove(row);
                counters.recordFailure(); // no row changed: nothing will be streamed
                return;
            }
            counters.recordAcknowledged(sentNanoTime, clock.nanoTime(), value.length);
        } catch (SQLException | MalformedEventException e) {
            counters.recordFailure();
        }
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
