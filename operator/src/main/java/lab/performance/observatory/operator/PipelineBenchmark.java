package lab.performance.observatory.operator;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A benchmark as a Kubernetes resource: the same document {@code observatory run} reads, with
 * status written by the operator. Group {@code performance.lab}, version {@code v1}, namespaced.
 */
@Group(PipelineBenchmark.GROUP)
@Version(PipelineBenchmark.VERSION)
@Kind("PipelineBenchmark")
@Plural("pipelinebenchmarks")
@ShortNames("pbench")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Target-EPS", jsonPath = ".status.plan.targetEventsPerSecond", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Achieved-EPS", jsonPath = ".status.results.achievedEventsPerSecond", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "P99-ms", jsonPath = ".status.results.p99Ms", type = AdditionalPrinterColumn.Type.NUMBER)
@AdditionalPrinterColumn(name = "Verdict", jsonPath = ".status.results.verdict", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class PipelineBenchmark extends CustomResource<PipelineBenchmarkSpec, PipelineBenchmarkStatus> implements Namespaced {

    public static final String GROUP = "performance.lab";
    public static final String VERSION = "v1";
}
