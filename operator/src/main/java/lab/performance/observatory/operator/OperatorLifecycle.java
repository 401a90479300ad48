package lab.performance.observatory.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Hosts the Java Operator SDK in Quarkus (docs/architecture.md, "Operator"): started with the application, on its Kubernetes client. */
@ApplicationScoped
public class OperatorLifecycle {

    private final KubernetesClient client;
    private final PipelineBenchmarkReconciler reconciler;
    private final OperatorSettings settings;
    private Operator operator;

    public OperatorLifecycle(KubernetesClient client, PipelineBenchmarkReconciler reconciler, OperatorSettings settings) {
        this.client = client;
        this.reconciler = reconciler;
        this.settings = settings;
    }

    void start(@Observes StartupEvent event) {
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false)
                .withUseSSAToPatchPrimaryResource(settings.serverSideApply())
                .withSSABasedCreateUpdateMatchForDependentResources(settings.serverSideApply()));
        operator.register(reconciler, o -> settings.namespaces().ifPresent(o::settingNamespaces));
        operator.start();
    }

    void stop(@Observes ShutdownEvent event) {
        if (operator != null) {
            operator.stop();
        }
    }
}
