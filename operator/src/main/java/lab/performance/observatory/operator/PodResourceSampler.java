package lab.performance.observatory.operator;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import lab.performance.observatory.core.report.ResourceSample;
import lab.performance.observatory.store.RunStore;
import org.jboss.logging.Logger;

/**
 * A run's resource samples on Kubernetes: each recheck reads what its pods use from the metrics
 * API, as the CLI samples its processes, so the report has CPU and memory and the targets on them
 * can be checked. Continues from the run's last stored sample, so an operator restart does not
 * reset the CPU count.
 */
@ApplicationScoped
public class PodResourceSampler {

    private static final Logger LOG = Logger.getLogger(PodResourceSampler.class);

    private final PodUsage podUsage;
    private final Clock clock;
    /** The last sample per run and component, so each recheck does not read them back. */
    private final Map<String, ResourceSample> last = new ConcurrentHashMap<>();

    public PodResourceSampler(PodUsage podUsage, Clock clock) {
        this.podUsage = podUsage;
        this.clock = clock;
    }

    void sample(RunStore store, String namespace, BenchmarkNames names, String runId, List<String> components) {
        Instant now = clock.instant();
        try {
            List<ResourceSample> samples = new ArrayList<>();
            for (String component : components) {
                Optional<PodUsage.Usage> usage = podUsage.of(namespace, names.labels(component));
                if (usage.isEmpty()) {
                    continue;
                }
                String key = runId + "/" + component;
                ResourceSample previous = last.containsKey(key) ? last.get(key)
                        : store.resources().lastSample(runId, component).orElse(null);
                if (previous == null || now.isAfter(previous.at())) {
                    ResourceSample sample = ResourceSample.fromUsage(previous, component, now, usage.get().cores(),
                            usage.get().maxPodMemoryBytes());
                    last.put(key, sample);
                    samples.add(sample);
                }
            }
            store.resources().saveSamples(runId, samples);
        } catch (SQLException e) {
            LOG.warnf("resource samples of run %s not stored: %s", runId, e.getMessage());
        }
    }

    /** A run that will not be sampled again. */
    void forget(String runId) {
        last.keySet().removeIf(k -> k.startsWith(runId + "/"));
    }
}
