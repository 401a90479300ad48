package lab.performance.observatory.core.report;

import java.util.List;

/** Everything measured about a run, as stored: the inputs of {@link ReportBuilder}. */
public record Measurements(
        List<SourceTotals> sources,
        List<WindowMetrics> topologyWindows,
        List<GeneratorWindow> generatorWindows,
        List<ResourceSample> resourceSamples,
        List<ComponentProfile> profiles,
        List<BrokerSample> brokerSamples,
        List<LagSample> lagSamples,
        List<lab.performance.observatory.core.audit.TopicCount> topicCounts,
        long replaysSkipped,
        List<CpuCounterReading> cpuCounters,
        List<CeilingProbe> ceilingProbes,
        List<CeilingMaxRate> ceilingMaxRates) {

    public Measurements {
        sources = List.copyOf(sources);
        topologyWindows = List.copyOf(topologyWindows);
        generatorWindows = List.copyOf(generatorWindows);
        resourceSamples = List.copyOf(resourceSamples);
        profiles = List.copyOf(profiles);
        brokerSamples = List.copyOf(brokerSamples);
        lagSamples = List.copyOf(lagSamples);
        topicCounts = List.copyOf(topicCounts);
        cpuCounters = List.copyOf(cpuCounters);
        ceilingProbes = List.copyOf(ceilingProbes);
        ceilingMaxRates = List.copyOf(ceilingMaxRates);
    }

    /** Without ceiling probes (none were run). */
    public Measurements(List<SourceTotals> sources, List<WindowMetrics> topologyWindows, List<GeneratorWindow> generatorWindows,
                        List<ResourceSample> resourceSamples, List<ComponentProfile> profiles, List<BrokerSample> brokerSamples,
                        List<LagSample> lagSamples, List<lab.performance.observatory.core.audit.TopicCount> topicCounts, long replaysSkipped,
                        List<CpuCounterReading> cpuCounters) {
        this(sources, topologyWindows, generatorWindows, resourceSamples, profiles, brokerSamples, lagSamples, topicCounts, replaysSkipped,
                cpuCounters, List.of(), List.of());
    }

    /** Without CPU counters (none were read). */
    public Measurements(List<SourceTotals> sources, List<WindowMetrics> topologyWindows, List<GeneratorWindow> generatorWindows,
                        List<ResourceSample> resourceSamples, List<ComponentProfile> profiles, List<BrokerSample> brokerSamples,
                        List<LagSample> lagSamples, List<lab.performance.observatory.core.audit.TopicCount> topicCounts, long replaysSkipped) {
        this(sources, topologyWindows, generatorWindows, resourceSamples, profiles, brokerSamples, lagSamples, topicCounts, replaysSkipped, List.of());
    }

    /** Without a count of replays the sink skipped (none). */
    public Measurements(List<SourceTotals> sources, List<WindowMetrics> topologyWindows, List<GeneratorWindow> generatorWindows,
                        List<ResourceSample> resourceSamples, List<ComponentProfile> profiles, List<BrokerSample> brokerSamples,
                        List<LagSample> lagSamples, List<lab.performance.observatory.core.audit.TopicCount> topicCounts) {
        this(sources, topologyWindows, generatorWindows, resourceSamples, profiles, brokerSamples, lagSamples, topicCounts, 0);
    }

    /** Without the auditor's counts of the topics (a run not audited). */
    public Measurements(List<SourceTotals> sources, List<WindowMetrics> topologyWindows, List<GeneratorWindow> generatorWindows,
                        List<ResourceSample> resourceSamples, List<ComponentProfile> profiles, List<BrokerSample> brokerSamples,
                        List<LagSample> lagSamples) {
        this(sources, topologyWindows, generatorWindows, resourceSamples, profiles, brokerSamples, lagSamples, List.of());
    }

    /** Only what the generator and topology counted; no latency from the generator, no resources. */
    public static Measurements of(List<SourceTotals> sources, List<WindowMetrics> topologyWindows) {
        return new Measurements(sources, topologyWindows, List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
