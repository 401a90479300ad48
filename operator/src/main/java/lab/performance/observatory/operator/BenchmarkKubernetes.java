package lab.performance.observatory.operator;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every Kubernetes read and write of the operator's benchmarks, as Strimzi's topic operator keeps
 * them in its {@code KubernetesHandler}: what exists, and writes of only what differs from what is
 * wanted (so unchanged benchmarks cause no writes and no watch events). The objects themselves come
 * from the pure {@link BenchmarkResources}.
 */
@ApplicationScoped
public class BenchmarkKubernetes {

    private final KubernetesClient client;

    public BenchmarkKubernetes(KubernetesClient client) {
        this.client = client;
    }

    /** The wanted topics that already exist, by name: read once per reconciliation. */
    Map<String, KafkaTopic> existingTopics(String namespace, List<KafkaTopic> wanted) {
        Map<String, KafkaTopic> out = new LinkedHashMap<>();
        for (KafkaTopic topic : wanted) {
            KafkaTopic found = client.resources(KafkaTopic.class).inNamespace(namespace).withName(topic.getMetadata().getName()).get();
            if (found != null) {
                out.put(topic.getMetadata().getName(), found);
            }
        }
        return out;
    }

    /** Creates or updates each topic that is not yet as wanted. */
    void applyTopics(List<KafkaTopic> wanted, Map<String, KafkaTopic> existing) {
        for (KafkaTopic topic : wanted) {
            KafkaTopic current = existing.get(topic.getMetadata().getName());
            if (current == null || !BenchmarkResources.sameTopic(current, topic)) {
                client.resource(topic).createOr(NonDeletingOperation::update);
            }
        }
    }

    /** The Deployment as wanted, written only when it differs; returns it as the API server has it (with its status). */
    Deployment applyDeployment(Deployment wanted) {
        Deployment existing = client.apps().deployments().inNamespace(wanted.getMetadata().getNamespace())
                .withName(wanted.getMetadata().getName()).get();
        return existing != null && BenchmarkResources.sameDeployment(existing, wanted) ? existing
                : client.resource(wanted).createOr(NonDeletingOperation::update);
    }

    Optional<Job> job(String namespace, String name) {
        return Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
    }

    /** Creates the Job; false when one of that name exists already (created meanwhile). */
    boolean createJob(Job job) {
        try {
            client.resource(job).create();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** Deletes a Job and, in the background, its pods. */
    void deleteJob(String namespace, String name) {
        client.batch().v1().jobs().inNamespace(namespace).withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    }
}
