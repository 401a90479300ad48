package lab.performance.observatory.operator;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Kubernetes Events on a benchmark, so {@code kubectl describe pbench} and {@code kubectl get events}
 * tell its story: each phase it enters and each scaling decision, with the reason. An Event that
 * cannot be written is logged and otherwise ignored: it never fails a reconciliation.
 */
@ApplicationScoped
public class BenchmarkEvents {

    static final String SOURCE = "observatory-operator";
    private static final Logger LOG = Logger.getLogger(BenchmarkEvents.class);

    private final KubernetesClient client;
    private final Clock clock;

    public BenchmarkEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    void normal(PipelineBenchmark benchmark, String reason, String message) {
        record(benchmark, "Normal", reason, message);
    }

    void warning(PipelineBenchmark benchmark, String reason, String message) {
        record(benchmark, "Warning", reason, message);
    }

    private void record(PipelineBenchmark benchmark, String type, String reason, String message) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        String name = benchmark.getMetadata().getName() + "." + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        try {
            client.v1().events().inNamespace(benchmark.getMetadata().getNamespace()).resource(new EventBuilder()
                    .withNewMetadata().withName(name).withNamespace(benchmark.getMetadata().getNamespace()).endMetadata()
                    .withNewInvolvedObject().withApiVersion(benchmark.getApiVersion()).withKind(benchmark.getKind())
                    .withName(benchmark.getMetadata().getName()).withNamespace(benchmark.getMetadata().getNamespace())
                    .withUid(benchmark.getMetadata().getUid()).endInvolvedObject()
                    .withType(type).withReason(reason).withMessage(message)
                    .withNewSource().withComponent(SOURCE).endSource()
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.debugf("event %s on %s not recorded: %s", reason, benchmark.getMetadata().getName(), e.getMessage());
        }
    }
}
