package lab.performance.observatory.generator;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.sql.DataSource;
import lab.performance.observatory.cdc.CdcNames;
import lab.performance.observatory.cdc.Change;
import lab.performance.observatory.cdc.ChangeStream;
import lab.performance.observatory.cdc.PostgresAddress;
import lab.performance.observatory.cdc.PostgresReplication;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.schemas.EventEncoder;
import lab.performance.observatory.schemas.EventSchemas;
import org.apache.kafka.clients.producer.Producer;

/**
 * The change capture of a run's CDC sources (docs/cdc.md), around the generator's senders: before
 * the first event, a crashed run's leftovers are removed and the run's tables, publication and slot
 * made, and Debezium's engine started on them; each CDC source then writes through a {@link RowSink}
 * and its changes are published by a {@link ChangeForwarder}. After the last event it waits until
 * every committed change is in its topic (or {@code drainTimeout} passes), then stops the engine and
 * removes the slot, publication and tables.
 */
final class CdcCapture implements AutoCloseable {

    private final DataSource dataSource;
    private final PostgresReplication replication;
    private final PostgresAddress address;
    private final CdcNames names;
    private final RunNaming naming;
    private final NanoClock clock;
    private final Map<String, Map<Long, Long>> deleteIntents = new HashMap<>();
    private final List<RowSink> sinks = new ArrayList<>();
    private final List<SourceCounters> counters = new ArrayList<>();
    private ChangeStream stream;
    private boolean created;

    CdcCapture(DataSource dataSource, String jdbcUrl, RunNaming naming, NanoClock clock) {
        this.dataSource = dataSource;
        this.replication = new PostgresReplication(dataSource);
        this.address = PostgresAddress.parse(jdbcUrl, Optional.empty(), Optional.empty()).withPasswordFileFallback();
        this.names = CdcNames.of(naming.runId());
        this.naming = naming;
        this.clock = clock;
    }

    /**
     * Checks the server, removes leftovers of runs that are not {@code live} (by slot name), makes the
     * tables, publication and slot, and starts streaming them to the sources' topics.
     */
    void start(List<DataSourceSpec> sources, List<SourceCounters> sourceCounters, Map<String, byte[]> frameHeaders,
               Producer<byte[], byte[]> producer, Predicate<String> live) throws SQLException {
        List<String> problems = replication.readiness().problems();
        if (!problems.isEmpty()) {
            throw new IllegalStateException("PostgreSQL cannot stream changes for the run's cdc sources: " + String.join("; ", problems));
        }
        replication.removeLeftovers(slot -> slot.equals(names.slot()) || live.test(slot));
        List<String> tables = sources.stream().map(DataSourceSpec::name).toList();
        created = true; // from here on, close() removes whatever of it was made
        replication.createTables(names, tables);
        Map<String, Consumer<Change>> byTable = new HashMap<>();
        for (int i = 0; i < sources.size(); i++) {
            DataSourceSpec source = sources.get(i);
            Map<Long, Long> intents = new ConcurrentHashMap<>();
            deleteIntents.put(source.name(), intents);
            byte[] header = frameHeaders.get(source.name());
            EventEncoder encoder = new EventEncoder(EventSchemas.version(source.dataType(), source.schemaVersion()), header);
            byTable.put(names.qualifiedTable(source.name()), new ChangeForwarder(producer, naming.topicOf(source), naming.runId(),
                    source.name(), encoder, intents, sourceCounters.get(i), clock));
            counters.add(sourceCounters.get(i));
        }
        stream = ChangeStream.start(address, names, tables.stream().map(names::qualifiedTable).toList(), change -> {
            Consumer<Change> forwarder = byTable.get(change.table());
            if (forwarder != null) {
                forwarder.accept(change);
            }
        });
    }

    /** The sink of CDC source {@code i} (as passed to {@link #start}). */
    EventSink sink(DataSourceSpec source, SourceCounters sourceCounters, int headerBytes) throws SQLException {
        RowSink sink = new RowSink(dataSource.getConnection(), names.qualifiedTable(source.name()), headerBytes,
                deleteIntents.get(source.name()), sourceCounters, clock);
        sinks.add(sink);
        return sink;
    }

    /** Waits until every committed change was published or refused, or {@code timeout}; whether all were. */
    boolean awaitForwarded(Duration timeout) throws InterruptedException {
        long deadline = clock.nanoTime() + timeout.toNanos();
        while (clock.nanoTime() < deadline) {
            if (counters.stream().allMatch(c -> c.forwarded() + c.forwardFailed.sum() >= c.acked())) {
                return true;
            }
            if (stream != null && stream.ended()) {
                return false; // the engine stopped: nothing more will come
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Why the engine stopped on its own, if it did. */
    Optional<Throwable> failure() {
        return stream == null ? Optional.empty() : stream.failure();
    }

    /** Stops the engine and removes the run's slot, publication and tables. */
    @Override
    public void close() throws IOException {
        for (RowSink sink : sinks) {
            try {
                sink.close();
            } catch (SQLException e) {
                // the connection is gone already
            }
        }
        if (stream != null) {
            stream.close();
        }
        if (created) {
            try {
                replication.remove(names);
                replication.dropTables(names);
            } catch (SQLException e) {
                throw new IOException("could not remove the run's replication slot " + names.slot() + " (the next run removes it): "
                        + e.getMessage(), e);
            }
        }
    }
}
