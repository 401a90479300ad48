package lab.performance.observatory.operator;

import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Singleton;

/**
 * In tests, the operator's Kubernetes client introduces itself with its own User-Agent, so the mock
 * API server's log tells its calls from the tests' own (which go through {@link OperatorCalls#testClient}).
 */
@Singleton
public class OperatorClientAgent implements KubernetesConfigCustomizer {

    @Override
    public void customize(Config config) {
        config.setUserAgent(OperatorCalls.OPERATOR_AGENT);
    }
}
