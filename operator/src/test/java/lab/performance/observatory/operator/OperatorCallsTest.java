package lab.performance.observatory.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Requests become the RBAC attributes the API server authorizes, as its request-info resolver derives them. */
class OperatorCallsTest {

    static OperatorCalls.Call call(String group, String resource, String verb) {
        return new OperatorCalls.Call(group, resource, verb);
    }

    @Test
    void pathsAndMethodsBecomeGroupResourceAndVerb() {
        assertThat(OperatorCalls.of("GET", "/apis/performance.lab/v1/namespaces/bench/pipelinebenchmarks?watch=true&resourceVersion=5"))
                .contains(call("performance.lab", "pipelinebenchmarks", "watch"));
        assertThat(OperatorCalls.of("GET", "/apis/performance.lab/v1/pipelinebenchmarks?labelSelector=a")).contains(call("performance.lab", "pipelinebenchmarks", "list"));
        assertThat(OperatorCalls.of("GET", "/apis/apps/v1/namespaces/bench/deployments/base-topology")).contains(call("apps", "deployments", "get"));
        assertThat(OperatorCalls.of("PATCH", "/apis/performance.lab/v1/namespaces/bench/pipelinebenchmarks/base/status"))
                .contains(call("performance.lab", "pipelinebenchmarks/status", "patch"));
        assertThat(OperatorCalls.of("PUT", "/apis/kafka.strimzi.io/v1/namespaces/bench/kafkatopics/obs.bench.base.market"))
                .contains(call("kafka.strimzi.io", "kafkatopics", "update"));
        assertThat(OperatorCalls.of("POST", "/api/v1/namespaces/bench/events")).contains(call("", "events", "create"));
        assertThat(OperatorCalls.of("DELETE", "/apis/batch/v1/namespaces/bench/jobs/base-run-2")).contains(call("batch", "jobs", "delete"));
        assertThat(OperatorCalls.of("DELETE", "/apis/batch/v1/namespaces/bench/jobs?labelSelector=x")).contains(call("batch", "jobs", "deletecollection"));
        assertThat(OperatorCalls.of("GET", "/apis/metrics.k8s.io/v1beta1/namespaces/bench/pods?labelSelector=a%3Db")).contains(call("metrics.k8s.io", "pods", "list"));
        // a watch of one object is a watch (fieldSelector metadata.name=...)
        assertThat(OperatorCalls.of("GET", "/api/v1/namespaces/bench/secrets?fieldSelector=metadata.name%3Dx&watch=true")).contains(call("", "secrets", "watch"));
        // namespaces themselves, and cluster-scoped resources
        assertThat(OperatorCalls.of("GET", "/api/v1/namespaces/bench")).contains(call("", "namespaces", "get"));
        assertThat(OperatorCalls.of("GET", "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/pipelinebenchmarks.performance.lab"))
                .contains(call("apiextensions.k8s.io", "customresourcedefinitions", "get"));
        // discovery is not a resource
        assertThat(OperatorCalls.of("GET", "/version")).isEqualTo(Optional.empty());
        assertThat(OperatorCalls.of("GET", "/apis")).isEqualTo(Optional.empty());
        assertThat(OperatorCalls.of("GET", "/apis/apps/v1")).isEqualTo(Optional.empty());
    }

    @Test
    void theRoleGrantsExactlyItsRulesAndNothingElse() {
        var role = OperatorCalls.shippedRole();
        assertThat(OperatorCalls.permits(role, call("performance.lab", "pipelinebenchmarks/status", "patch"))).isTrue();
        assertThat(OperatorCalls.permits(role, call("performance.lab", "pipelinebenchmarks", "patch"))).isFalse();
        assertThat(OperatorCalls.permits(role, call("", "secrets", "get"))).as("the operator never reads secrets").isFalse();
        assertThat(OperatorCalls.permits(role, call("apps", "deployments", "delete"))).isFalse();
        assertThat(OperatorCalls.granted(role)).contains(call("batch", "jobs", "delete")).doesNotContain(call("batch", "jobs", "update"));
    }
}
