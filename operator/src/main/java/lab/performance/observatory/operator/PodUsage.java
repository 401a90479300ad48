package lab.performance.observatory.operator;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a component's pods use now, from the Kubernetes metrics API (metrics-server, which k3s
 * ships): CPU summed over the pods (the component's cores), memory of its largest pod (what a
 * per-process memory target means for a replicated component).
 */
@ApplicationScoped
public class PodUsage {

    /** CPU cores over all pods, the largest pod's memory in bytes, and how many pods reported. */
    public record Usage(double cores, long maxPodMemoryBytes, int pods) {
    }

    private final KubernetesClient client;

    public PodUsage(KubernetesClient client) {
        this.client = client;
    }

    /** Empty when no pod reports yet or the metrics API is not installed. */
    Optional<Usage> of(String namespace, Map<String, String> labels) {
        List<PodMetrics> pods;
        try {
            pods = client.top().pods().inNamespace(namespace).withLabels(labels).metrics().getItems();
        } catch (KubernetesClientException e) {
            return Optional.empty(); // no metrics-server: runs are reported without resources
        }
        return pods.isEmpty() ? Optional.empty() : Optional.of(sum(pods));
    }

    static Usage sum(List<PodMetrics> pods) {
        double cores = 0;
        long maxMemory = 0;
        for (PodMetrics pod : pods) {
            long memory = 0;
            for (ContainerMetrics container : pod.getContainers()) {
                cores += amount(container.getUsage(), "cpu");
                memory += (long) amount(container.getUsage(), "memory");
            }
            maxMemory = Math.max(maxMemory, memory);
        }
        return new Usage(cores, maxMemory, pods.size());
    }

    private static double amount(Map<String, Quantity> usage, String resource) {
        Quantity q = usage == null ? null : usage.get(resource);
        return q == null ? 0 : q.getNumericalAmount().doubleValue();
    }
}
