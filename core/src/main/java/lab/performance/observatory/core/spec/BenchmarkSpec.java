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

    /** The same benchmark decoded with another strategy (the CLI's --strategy, for A/B runs); other stage settings stay. */
    public BenchmarkSpec withStrategy(DecodeStrategy strategy) {
        List<ProcessingStage> stages = new java.util.ArrayList<>();
        boolean decodeStage = false;
        for (ProcessingStage stage : processingStages) {
            if (stage.type().decodes()) {
                java.util.Map<String, Object> config = new java.util.LinkedHashMap<>(stage.config());
                config.remove("enable_zero_copy");
                config.put("strategy", strategy.wireName());
                stages.add(new ProcessingStage(stage.name(), stage.type(), config));
                decodeStage = true;
            } else {
                stages.add(stage);
            }
        }
        if (!decodeStage) {
            stages.add(0, new ProcessingStage("decode", ProcessingStage.StageType.DECODE, java.util.Map.of("strategy", strategy.wireName())));
        }
        return new BenchmarkSpec(name, duration, warmup, concurrentStreams, seed, dataSources, stages,
                topology.withStrategy(strategy), producer, targets, comparisonBaseline);
    }

    /**
     * The same benchmark at another total offered rate (the CLI's --find-max): every source's rate and
     * every absolute rate of its pattern scaled by the same factor, so the mix, shapes and streams stay.
     */
    public BenchmarkSpec withTotalRate(double totalRate) {
        if (!(totalRate > 0) || totalBaseRate() <= 0) {
            throw new IllegalArgumentException("a total rate must be positive, not " + totalRate);
        }
        double f = totalRate / totalBaseRate();
        List<DataSourceSpec> scaled = dataSources.stream().map(s -> scaled(s, f)).toList();
        return new BenchmarkSpec(name, duration, warmup, concurrentStreams, seed, scaled, processingStages, topology, producer, targets,
                comparisonBaseline);
    }

    /**
     * What generator instance {@code instance} of {@code instances} sends: an equal share of every
     * rate (pattern seeds kept, so the shares add up to the original shape) and its own event seed,
     * so instances do not send identical events.
     */
    public BenchmarkSpec shareOf(int instance, int instances) {
        if (instances < 1 || instance < 0 || instance >= instances) {
            throw new IllegalArgumentException("generator instance must be in [0, " + instances + "), not " + instance);
        }
        if (instances == 1) {
            return this;
        }
        BenchmarkSpec share = withTotalRate(totalBaseRate() / instances);
        // a replay's share is every instances-th recorded event from its own: together they replay all of them
        List<DataSourceSpec> sources = share.dataSources.stream().map(s -> s.pattern() instanceof PatternSpec.Replay r
                ? new DataSourceSpec(s.name(), s.dataType(), s.generationRate(), r.withPhase(instance), s.spikes(), s.sizeDistribution(),
                        s.keyDistribution(), s.schemaVersion(), s.framing(), s.changeMix(), s.corruptFraction())
                : s).toList();
        return new BenchmarkSpec(name, duration, warmup, concurrentStreams, seed + instance, sources, processingStages, topology,
                producer, targets, comparisonBaseline);
    }

    private static DataSourceSpec scaled(DataSourceSpec s, double f) {
        return new DataSourceSpec(s.name(), s.dataType(), s.generationRate() * f, scale(s.pattern(), f), s.spikes(), s.sizeDistribution(),
                s.keyDistribution(), s.schemaVersion(), s.framing(), s.changeMix(), s.corruptFraction());
    }

    private static PatternSpec scale(PatternSpec pattern, double f) {
        if (pattern instanceof PatternSpec.Periodic p) {
            return new PatternSpec.Periodic(p.periodSeconds(), p.amplitude() * f);
        } else if (pattern instanceof PatternSpec.Bursty b) {
            return new PatternSpec.Bursty(b.burstRate() * f, b.burstSeconds(), b.quietSeconds());
        } else if (pattern instanceof PatternSpec.Chaos c) {
            return new PatternSpec.Chaos(c.minRate() * f, c.maxRate() * f, c.changeIntervalSeconds(), c.seed());
        } else if (pattern instanceof PatternSpec.Replay r) {
            return r.scaled(f);
        }
        return pattern;
    }

    /**
     * Each source as offered: {@code concurrent_streams} streams of it, each at its
     * {@code generation_rate} with its pattern, add up to one source at N times every rate of the
     * pattern. What the generator sends and what the planner sizes for.
     */
    public List<DataSourceSpec> offeredSources() {
        if (concurrentStreams == 1) {
            return dataSources;
        }
        return dataSources.stream().map(s -> scaled(s, concurrentStreams)).toList();
    }

    /** Events/s a source offers at its base rate: concurrent_streams x generation_rate. */
    public double offeredRate(DataSourceSpec source) {
        return source.generationRate() * concurrentStreams;
    }

    /** Sum of the sources' offered base rates (concurrent_streams x generation_rate each), events/s. */
    public double totalBaseRate() {
        return dataSources.stream().mapToDouble(this::offeredRate).sum();
    }
}
