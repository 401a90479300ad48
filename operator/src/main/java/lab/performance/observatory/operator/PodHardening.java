package lab.performance.observatory.operator;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.Map;

/**
 * The security every pod the operator creates runs with, and the resources it is given: pure,
 * applied to the pod specs {@link BenchmarkResources} builds (the shipped manifests follow the same
 * rules; docs/architecture.md, "Operator"). Non-root (the images' user 185), a read-only root
 * filesystem with an emptyDir at {@code /tmp} (JVM perf data, Kafka Streams' state directory), every
 * capability dropped, no privilege escalation, the RuntimeDefault seccomp profile, and no
 * service-account token (these pods never call the Kubernetes API). Requests equal limits, so a
 * benchmark pod is in the Guaranteed QoS class: its CPU is neither throttled below nor bursting
 * above what the plan sized, and the measurement is the same from run to run.
 */
final class PodHardening {

    /** The user and group the observatory's images run as. */
    static final long USER = 185;
    static final String TMP = "tmp";

    private PodHardening() {
    }

    static PodSpec harden(PodSpec pod, Map<String, Quantity> resources) {
        pod.setAutomountServiceAccountToken(false);
        pod.setSecurityContext(new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(USER).withRunAsGroup(USER)
                .withFsGroup(USER).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build());
        var volumes = new ArrayList<>(pod.getVolumes() == null ? java.util.List.of() : pod.getVolumes());
        volumes.add(new VolumeBuilder().withName(TMP).withNewEmptyDir().withSizeLimit(new Quantity("1Gi")).endEmptyDir().build());
        pod.setVolumes(volumes);
        for (Container c : pod.getContainers()) {
            c.setSecurityContext(new SecurityContextBuilder().withRunAsNonRoot(true).withAllowPrivilegeEscalation(false)
                    .withReadOnlyRootFilesystem(true).withPrivileged(false).withNewCapabilities().addToDrop("ALL").endCapabilities().build());
            var mounts = new ArrayList<>(c.getVolumeMounts() == null ? java.util.List.of() : c.getVolumeMounts());
            mounts.add(new VolumeMountBuilder().withName(TMP).withMountPath("/tmp").build());
            c.setVolumeMounts(mounts);
            c.setResources(new ResourceRequirementsBuilder().withRequests(resources).withLimits(resources).build());
        }
        return pod;
    }
}
