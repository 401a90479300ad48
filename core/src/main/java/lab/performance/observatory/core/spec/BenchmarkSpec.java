package lab.performance.observatory.core.spec;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A validated {@code PipelineBenchmark}: the same document is a Kubernetes custom resource and a
 * local run spec. Build one with {@link SpecParser}; every instance has passed validation.
 */
public record BenchmarkSpec(
        String name,
        Duration duration,
        Duration warmup,
        int concurrentStreams,
        long seed,
        List<DataSourceSpec> dataSources,
        List<ProcessingStage> processingStages,
        TopologySettings topology,
        ProducerSettings producer,
        PerformanceTargets targets,
        Optional<String> comparisonBaseline) {

    public static final String API_VERSION = "performance.lab/v1";
    public static final String KIND = "PipelineBenchmark";

    public BenchmarkSpec {
        dataSources = List.copyOf(dataSources);
        processingStages = List.copyOf(processingStages);
    }

    /** The same benchmark run for a different length of time (the CLI's --duration). */
    public BenchmarkSpec withDuration(Duration newDuration) {
        Duration newWarmup = warmup.compareTo(newDuration) < 0 ? warmup : SpecParser.defaultWarmup(newDuration);
        return new BenchmarkSpec(name, newDuration, newWarmup, concurrentStreams, seed, dataSources,
                processingStages, topology, producer, targets, comparisonBaseline);
    }

    /** The same benchmark decoded with another strategy (the CLI's --strategy, for A/B runs). */
    public BenchmarkSpec withStrategy(DecodeStrategy strategy) {
        List<ProcessingStage> stages = new java.util.ArrayList<>();
        boolean decodeStage = false;
        for (ProcessingStage stage : processingStages) {
            if (stage.type() == ProcessingStage.StageType.DECODE) {
                stages.add(new ProcessingStage(stage.name(), stage.type(), java.util.Map.of("strategy", strategy.wireName())));
                decodeStage = true;
            } else {
                stages.add(stage);
            }
        }
        if (!decodeStage) {
            stages.add(0, new ProcessingStage("decode", ProcessingStage.StageType.DECODE, java.util.Map.of("strategy", strategy.wireName())));
        }
        return new BenchmarkSpec(name, duration, warmup, concurrentStreams, seed, dataSources, stages,
                new TopologySettings(strategy, topology.windowSeconds()), producer, targets, comparisonBaseline);
    }

    /** Sum of the sources' base rates, events/s. */
    public double totalBaseRate() {
        return dataSources.stream().mapToDouble(DataSourceSpec::generationRate).sum();
    }
}
