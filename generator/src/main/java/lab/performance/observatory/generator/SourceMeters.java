package lab.performance.observatory.generator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.observe.LatencyTimers;

/**
 * One data source's events as Prometheus sees them (docs/architecture.md, "Metrics"): sent,
 * acknowledged and failed counts by event type and source, schedule slip and publish latency as
 * histograms. Written on the sender's and the producer's threads beside {@link SourceCounters}.
 */
interface SourceMeters {

    SourceMeters NONE = new SourceMeters() {
        @Override
        public void sent(long slipNanos) {
        }

        @Override
        public void acknowledged(long publishNanos, int bytes) {
        }

        @Override
        public void failed() {
        }
    };

    void sent(long slipNanos);

    void acknowledged(long publishNanos, int bytes);

    void failed();

    /** Meters of {@code source} in {@code registry}. */
    static SourceMeters of(MeterRegistry registry, DataSourceSpec source) {
        String type = source.dataType().wireName();
        Counter sent = Counter.builder("observatory.generator.events.sent").description("Events handed to the producer")
                .tag("event_type", type).tag("source", source.name()).register(registry);
        Counter acked = Counter.builder("observatory.generator.events.acknowledged").description("Events the broker acknowledged")
                .tag("event_type", type).tag("source", source.name()).register(registry);
        Counter ackedBytes = Counter.builder("observatory.generator.acknowledged").baseUnit("bytes")
                .description("Serialized value bytes the broker acknowledged").tag("event_type", type).tag("source", source.name())
                .register(registry);
        Counter failed = Counter.builder("observatory.generator.events.failed")
                .description("Events the producer refused or the broker did not acknowledge")
                .tag("event_type", type).tag("source", source.name()).register(registry);
        Timer slip = LatencyTimers.histogram("observatory.generator.schedule.slip",
                "How late each event was sent after the instant its schedule gave it").tag("event_type", type).tag("source", source.name())
                .register(registry);
        Timer publish = LatencyTimers.histogram("observatory.generator.publish.latency",
                "From handing an event to the producer to the broker's acknowledgement").tag("event_type", type).tag("source", source.name())
                .register(registry);
        return new SourceMeters() {
            @Override
            public void sent(long slipNanos) {
                sent.increment();
                slip.record(slipNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void acknowledged(long publishNanos, int bytes) {
                acked.increment();
                ackedBytes.increment(bytes);
                publish.record(publishNanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void failed() {
                failed.increment();
            }
        };
    }
}
