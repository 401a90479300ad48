package lab.performance.observatory.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Set;

/**
 * The one meter filter every component's registry gets (the plain-Java ones here, the Quarkus ones
 * as a bean), so every exposition passes {@code promtool check metrics}: Micrometer's processor
 * binder names two meters against Prometheus conventions ({@code system_cpu_count} is no count
 * and {@code process_cpu_time_ns_total} abbreviates its unit); {@code process_cpu_usage} and the
 * JVM's own meters say what they did.
 */
public final class PrometheusNaming {

    static final Set<String> DENIED = Set.of("system.cpu.count", "process.cpu.time");

    private PrometheusNaming() {
    }

    public static MeterFilter filter() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return DENIED.contains(id.getName()) ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }
}
