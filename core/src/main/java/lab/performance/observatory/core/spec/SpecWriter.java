package lab.performance.observatory.core.spec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Writes a spec back as a {@code PipelineBenchmark} document with every default made explicit.
 * {@link SpecParser} reads it back to an equal spec, which is how stored runs keep their exact spec.
 */
public final class SpecWriter {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SpecWriter() {
    }

    public static ObjectNode toDocument(BenchmarkSpec spec) {
        ObjectNode root = JSON.objectNode();
        root.put("apiVersion", BenchmarkSpec.API_VERSION);
        root.put("kind", BenchmarkSpec.KIND);
        root.putObject("metadata").put("name", spec.name());
        ObjectNode s = root.putObject("spec");
        s.put("duration_seconds", spec.duration().toMillis() / 1000.0);
        s.put("warmup_seconds", spec.warmup().toMillis() / 1000.0);
        s.put("concurrent_streams", spec.concurrentStreams());
        s.put("seed", spec.seed());
        ArrayNode sources = s.putArray("data_sources");
        for (DataSourceSpec source : spec.dataSources()) {
            sources.add(dataSource(source));
        }
        ArrayNode stages = s.putArray("processing_stages");
        for (ProcessingStage stage : spec.processingStages()) {
            ObjectNode node = stages.addObject();
            node.put("name", stage.name());
            node.put("type", stage.type().wireName());
            ObjectNode config = JSON.objectNode();
            for (Map.Entry<String, Object> e : stage.config().entrySet()) {
                if (e.getValue() instanceof Number n) {
                    config.put(e.getKey(), n.longValue());
                } else {
                    config.put(e.getKey(), String.valueOf(e.getValue()));
                }
            }
            node.set("config", config);
        }
        ProducerSettings p = spec.producer();
        ObjectNode producer = s.putObject("producer");
        producer.put("acks", p.acks());
        producer.put("linger_ms", p.lingerMs());
        producer.put("batch_size", p.batchSizeBytes());
        producer.put("compression_type", p.compressionType());
        if (!p.properties().isEmpty()) {
            ObjectNode props = producer.putObject("properties");
            p.properties().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> props.put(e.getKey(), e.getValue()));
        }
        PerformanceTargets t = spec.targets();
        ObjectNode targets = JSON.objectNode();
        put(targets, "min_throughput_eps", t.minThroughputEps());
        put(targets, "max_p99_latency_ms", t.maxP99LatencyMs());
        put(targets, "max_memory_mb", t.maxMemoryMb());
        put(targets, "max_cpu_cores", t.maxCpuCores());
        if (!targets.isEmpty()) {
            s.set("performance_targets", targets);
        }
        spec.comparisonBaseline().ifPresent(b -> s.put("comparison_baseline", b));
        return root;
    }

    private static ObjectNode dataSource(DataSourceSpec source) {
        ObjectNode node = JSON.objectNode();
        node.put("name", source.name());
        node.put("data_type", source.dataType().wireName());
        if (source.pattern() instanceof PatternSpec.Replay r) {
            node.set("pattern", replay(r));
            node.put("schema_version", source.schemaVersion());
            node.put("framing", source.framing().wireName());
            return node;
        }
        node.put("generation_rate", source.generationRate());
        ObjectNode pattern = node.putObject("pattern");
        pattern.put("type", source.pattern().type());
        if (source.pattern() instanceof PatternSpec.Periodic p) {
            pattern.put("period_seconds", p.periodSeconds());
            pattern.put("amplitude", p.amplitude());
        } else if (source.pattern() instanceof PatternSpec.Bursty b) {
            pattern.put("burst_rate", b.burstRate());
            pattern.put("burst_seconds", b.burstSeconds());
            pattern.put("quiet_seconds", b.quietSeconds());
        } else if (source.pattern() instanceof PatternSpec.Chaos c) {
            pattern.put("min_rate", c.minRate());
            pattern.put("max_rate", c.maxRate());
            pattern.put("change_interval_seconds", c.changeIntervalSeconds());
            pattern.put("seed", c.seed());
        }
        source.spikesIfAny().ifPresent(sp -> {
            ObjectNode spikes = node.putObject("spikes");
            spikes.put("probability", sp.probability());
            spikes.put("multiplier", sp.multiplier());
            spikes.put("interval_seconds", sp.intervalSeconds());
            spikes.put("seed", sp.seed());
        });
        SizeDistribution size = source.sizeDistribution();
        ObjectNode sizeNode = node.putObject("size_distribution");
        sizeNode.put("min_bytes", size.minBytes());
        sizeNode.put("max_bytes", size.maxBytes());
        sizeNode.put("distribution", size.shape().wireName());
        if (source.changeMix() != null) {
            ObjectNode mix = node.putObject("change_mix"); // a cdc source: its rows are its keys
            mix.put("insert", source.changeMix().insert());
            mix.put("update", source.changeMix().update());
            mix.put("delete", source.changeMix().delete());
        } else {
            KeyDistribution keys = source.keyDistribution();
            ObjectNode keyNode = node.putObject("key_distribution");
            keyNode.put("type", keys.kind().wireName());
            keyNode.put("cardinality", keys.cardinality());
            if (keys.kind() == KeyDistribution.Kind.ZIPF) {
                keyNode.put("exponent", keys.exponent());
            }
        }
        node.put("schema_version", source.schemaVersion());
        node.put("framing", source.framing().wireName());
        if (source.corruptFraction() > 0) {
            node.put("corrupt_fraction", source.corruptFraction());
        }
        return node;
    }

    /** A replay pattern with what its profile held, so the stored spec reads back without the file. */
    private static ObjectNode replay(PatternSpec.Replay r) {
        ObjectNode pattern = JSON.objectNode();
        pattern.put("type", r.type());
        pattern.put("profile", r.profile());
        pattern.put("speed", r.speed());
        pattern.put("loop", r.loop());
        if (r.stream() != null) {
            pattern.put("stream", r.stream());
        }
        if (r.scale() != 1.0) {
            pattern.put("scale", r.scale());
        }
        pattern.set("recorded", recorded(r.recorded()));
        return pattern;
    }

    public static ObjectNode recorded(PatternSpec.Recorded d) {
        ObjectNode recorded = JSON.objectNode();
        recorded.put("events", d.events());
        recorded.put("seconds", d.seconds());
        recorded.put("mean_rate", d.meanRate());
        recorded.put("peak_rate", d.peakRate());
        recorded.put("min_bytes", d.minBytes());
        recorded.put("max_bytes", d.maxBytes());
        recorded.put("mean_bytes", d.meanBytes());
        recorded.put("distinct_keys", d.distinctKeys());
        recorded.put("sha256", d.sha256());
        return recorded;
    }

    private static void put(ObjectNode node, String field, OptionalDouble value) {
        value.ifPresent(v -> node.put(field, v));
    }
}
