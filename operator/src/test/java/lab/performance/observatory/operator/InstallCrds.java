package lab.performance.observatory.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/** Installs the PipelineBenchmark CRD (as built) and Strimzi's KafkaTopic CRD into the mock API server. */
public class InstallCrds implements Consumer<KubernetesServer> {

    @Override
    public void accept(KubernetesServer server) {
        KubernetesClient client = server.getClient();
        try (InputStream ours = Files.newInputStream(PipelineBenchmarkCrdTest.GENERATED);
             InputStream strimzi = InstallCrds.class.getResourceAsStream("/crds/043-Crd-kafkatopic.yaml")) {
            client.resource(client.getKubernetesSerialization().unmarshal(ours, CustomResourceDefinition.class)).create();
            client.resource(client.getKubernetesSerialization().unmarshal(strimzi, CustomResourceDefinition.class)).create();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path strimziTopicCrd() {
        try {
            return Path.of(InstallCrds.class.getResource("/crds/043-Crd-kafkatopic.yaml").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
