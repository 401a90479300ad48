package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shipped operator manifests: namespaced, least privilege, and watching only their own namespace. */
class OperatorManifestsTest {

    @Test
    void aNamespacedRoleWithOnlyTheVerbsTheOperatorUses() throws Exception {
        List<HasMetadata> objects;
        try (InputStream in = Files.newInputStream(Path.of("../deploy/k3s/base/operator.yaml"))) {
            objects = new KubernetesSerialization().unmarshal(in);
        }
        assertThat(objects).extracting(HasMetadata::getKind).containsExactly("ServiceAccount", "Role", "RoleBinding", "Deployment");
        Role role = (Role) objects.get(1);
        assertThat(role.getRules()).extracting(PolicyRule::getVerbs).allSatisfy(verbs ->
                assertThat(verbs).doesNotContain("*", "deletecollection", "escalate", "bind", "impersonate"));
        // the only deletion the operator does itself is a superseded run's generator Job; the rest goes by owner references
        assertThat(role.getRules()).filteredOn(r -> r.getVerbs().contains("delete")).flatExtracting(PolicyRule::getResources)
                .containsExactly("jobs");
        assertThat(role.getRules()).flatExtracting(PolicyRule::getResources)
                .containsExactlyInAnyOrder("pipelinebenchmarks", "pipelinebenchmarks/status", "kafkatopics", "deployments", "jobs", "pods", "events");
        assertThat(role.getRules()).filteredOn(r -> r.getResources().contains("pods")).singleElement().satisfies(r -> {
            assertThat(r.getApiGroups()).containsExactly("metrics.k8s.io");
            assertThat(r.getVerbs()).containsExactly("list");
        });
        Deployment operator = (Deployment) objects.get(3);
        assertThat(operator.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("observatory-operator");
        assertThat(operator.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("OBSERVATORY_OPERATOR_NAMESPACES");
                    assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.namespace");
                })
                .anySatisfy(e -> {
                    assertThat(e.getName()).isEqualTo("OBSERVATORY_OPERATOR_JDBC_URL");
                    assertThat(e.getValueFrom().getSecretKeyRef().getName()).isEqualTo("observatory-postgres");
                });
    }
}
