package lab.performance.observatory.topology;

import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A store that holds nothing: its one job is the call Kafka Streams makes before every commit of
 * its task. Streams commits an {@code exactly_once_v2} transaction on its own schedule, and before
 * it, in {@code StreamTask.prepareCommit}, flushes the caches of the task's stores (stores
 * themselves are flushed only after the commit); this store's "cache" is the task's windows, so a
 * commit never carries the offsets of records PostgreSQL does not have (docs/reliability.md,
 * "Processing guarantees"). {@link CachedStateStore} is Streams' internal interface for that
 * call, the only hook before a commit; an upgrade of Kafka Streams must keep
 * {@code WindowMetricsTopologyTest}'s exactly-once case green. Not logged, not persistent.
 */
final class FlushBeforeCommit implements StateStore, CachedStateStore<Object, Object> {

    static final String NAME = "windows-before-commit";

    private volatile boolean open;
    private BooleanSupplier windows = () -> true;

    /** What writes the task's windows; false: PostgreSQL did not take them, and the commit must not happen. */
    void writesWith(BooleanSupplier writer) {
        this.windows = writer;
    }

    @Override
    public void flushCache() {
        if (!windows.getAsBoolean()) {
            throw new StreamsException("the task's windows are not in PostgreSQL: not committing offsets it lacks (exactly_once_v2)");
        }
    }

    @Override
    public void clearCache() {
        // the windows are the processor's; a task closed dirty replays what it had not written
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void flush() {
        // after the commit: nothing left to do
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** One per task, without a changelog (it has nothing to restore). */
    static StoreBuilder<FlushBeforeCommit> builder() {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<FlushBeforeCommit> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<FlushBeforeCommit> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<FlushBeforeCommit> withLoggingEnabled(Map<String, String> config) {
                throw new UnsupportedOperationException("the store holds nothing to log");
            }

            @Override
            public StoreBuilder<FlushBeforeCommit> withLoggingDisabled() {
                return this;
            }

            @Override
            public FlushBeforeCommit build() {
                return new FlushBeforeCommit();
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return NAME;
            }
        };
    }
}
