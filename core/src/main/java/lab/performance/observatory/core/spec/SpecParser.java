package lab.performance.observatory.core.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses and validates a {@code PipelineBenchmark} document. Every rule lives here, so the CLI,
 * the operator and the API reject the same specs with the same messages. Field names are the
 * snake_case names users write; problems name the field by its path.
 */
public final class SpecParser {

    static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    static final int MAX_SOURCE_NAME = 40;
    static final int MAX_NAME = 63;
    static final double MAX_RATE = 10_000_000;
    static final int MAX_EVENT_BYTES = 1 << 20;
    static final long DEFAULT_SEED = 1;
    static final Duration MAX_DEFAULT_WARMUP = Duration.ofSeconds(10);

    private static final ObjectMapper YAML = new ObjectMapper(
            YAMLFactory.builder().build().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

    private static final Set<String> KUBERNETES_METADATA = Set.of(
            "namespace", "labels", "annotations", "uid", "resourceVersion", "generation", "creationTimestamp",
            "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "finalizers", "ownerReferences",
            "generateName", "selfLink");
    private static final Set<String> COMPRESSION_TYPES = Set.of("none", "gzip", "snappy", "lz4", "zstd");

    private SpecParser() {
    }

    /** Parses YAML (or JSON) text into a validated spec. */
    public static BenchmarkSpec parse(String text) throws InvalidSpecException {
        return parse(tree(text));
    }

    /**
     * The document as a tree, for front ends that complete it before validation (a replay source's
     * {@code recorded} facts, read from its profile file).
     */
    public static JsonNode tree(String text) throws InvalidSpecException {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidSpecException(List.of(new SpecProblem("", "not valid YAML" + where + ": " + e.getOriginalMessage())));
        }
        return root;
    }

    /** Validates an already parsed document (the operator receives the custom resource as a tree). */
    public static BenchmarkSpec parse(JsonNode root) throws InvalidSpecException {
        List<SpecProblem> problems = new ArrayList<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new InvalidSpecException(List.of(new SpecProblem("", "the document is empty")));
        }
        if (!root.isObject()) {
            throw new InvalidSpecException(List.of(new SpecProblem("", "must be a mapping with apiVersion, kind, metadata and spec")));
        }
        SpecFields document = new SpecFields(root, "", problems);
        document.requiredString("apiVersion").ifPresent(v -> {
            if (!BenchmarkSpec.API_VERSION.equals(v)) {
                document.problem("apiVersion", "must be " + BenchmarkSpec.API_VERSION + " (got '" + v + "')");
            }
        });
        document.requiredString("kind").ifPresent(v -> {
            if (!BenchmarkSpec.KIND.equals(v)) {
                document.problem("kind", "must be " + BenchmarkSpec.KIND + " (got '" + v + "')");
            }
        });
        String name = document.requiredObject("metadata").map(SpecParser::metadataName).orElse(null);
        document.allow("status");
        BenchmarkSpec spec = document.requiredObject("spec").map(s -> spec(s, name)).orElse(null);
        document.rejectUnknown();
        if (!problems.isEmpty() || spec == null) {
            if (problems.isEmpty()) {
                problems.add(new SpecProblem("spec", "is required"));
            }
            throw new InvalidSpecException(problems);
        }
        return spec;
    }

    /** Warm-up used when the spec gives none: a tenth of the run, at most ten seconds. */
    public static Duration defaultWarmup(Duration duration) {
        Duration tenth = Duration.ofMillis(duration.toMillis() / 10);
        return tenth.compareTo(MAX_DEFAULT_WARMUP) < 0 ? tenth : MAX_DEFAULT_WARMUP;
    }

    private static String metadataName(SpecFields metadata) {
        metadata.allow(KUBERNETES_METADATA.toArray(String[]::new));
        Optional<String> name = metadata.requiredString("name");
        name.ifPresent(n -> {
            if (n.length() > MAX_NAME || !DNS_LABEL.matcher(n).matches()) {
                metadata.problem("name", "must be a DNS label: lower-case letters, digits and '-', at most "
                        + MAX_NAME + " characters, starting and ending with a letter or digit (got '" + n + "')");
            }
        });
        metadata.rejectUnknown();
        return name.orElse(null);
    }

    private static BenchmarkSpec spec(SpecFields spec, String name) {
        Duration duration = duration(spec);
        Duration warmup = spec.number("warmup_seconds", false)
                .map(s -> Duration.ofMillis(Math.round(s * 1000)))
                .orElse(duration == null ? null : defaultWarmup(duration));
        if (duration != null && warmup != null && warmup.compareTo(duration) >= 0 && spec.has("warmup_seconds")) {
            spec.problem("warmup_seconds", "must be shorter than the run (" + duration.toSeconds() + " s)");
        }
        int streams = spec.integer("concurrent_streams", 1, 256).orElse(1L).intValue();
        long seed = spec.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE).orElse(DEFAULT_SEED);

        List<DataSourceSpec> sources = new ArrayList<>();
        Optional<List<JsonNode>> sourceNodes = spec.list("data_sources");
        if (!spec.has("data_sources")) {
            spec.problem("data_sources", "is required: list at least one data source");
        } else if (sourceNodes.isPresent() && sourceNodes.get().isEmpty()) {
            spec.problem("data_sources", "must list at least one data source");
        }
        Set<String> sourceNames = new HashSet<>();
        List<JsonNode> nodes = sourceNodes.orElse(List.of());
        for (int i = 0; i < nodes.size(); i++) {
            String path = spec.pathOf("data_sources") + "[" + i + "]";
            JsonNode node = nodes.get(i);
            if (!node.isObject()) {
                spec.problemAt(path, "must be a mapping with name, data_type and generation_rate");
                continue;
            }
            SpecFields source = spec.nested(node, path);
            DataSourceSpec parsed = DataSourceParser.dataSource(source, seed + i + 1);
            if (parsed != null && !sourceNames.add(parsed.name())) {
                source.problem("name", "duplicates another data source's name '" + parsed.name() + "'");
            }
            if (parsed != null) {
                sources.add(parsed);
            }
        }

        for (int i = 0; i < sources.size(); i++) {
            double offered = sources.get(i).generationRate() * streams;
            if (offered > MAX_RATE) {
                spec.problemAt(spec.pathOf("data_sources") + "[" + i + "].generation_rate", "concurrent_streams x generation_rate, the rate "
                        + "the source offers, must be at most " + SpecFields.format(MAX_RATE) + " events/s (got " + streams + " x "
                        + SpecFields.format(sources.get(i).generationRate()) + ")");
            }
        }

        List<ProcessingStage> stages = new ArrayList<>();
        TopologySettings topology = StageParser.parse(spec, stages);
        ProducerSettings producer = spec.object("producer").map(SpecParser::producer).orElse(ProducerSettings.DEFAULT);
        PerformanceTargets targets = spec.object("performance_targets").map(SpecParser::targets).orElse(PerformanceTargets.NONE);
        Optional<String> baseline = spec.string("comparison_baseline");
        spec.rejectUnknown();

        if (name == null || duration == null || warmup == null || sources.size() != nodes.size() || nodes.isEmpty()) {
            return null;
        }
        return new BenchmarkSpec(name, duration, warmup, streams, seed, sources, stages, topology, producer,
                targets, baseline);
    }

    private static Duration duration(SpecFields spec) {
        boolean minutes = spec.has("duration_minutes");
        boolean seconds = spec.has("duration_seconds");
        if (minutes && seconds) {
            spec.problem("duration_seconds", "give duration_minutes or duration_seconds, not both");
            return null;
        }
        if (!minutes && !seconds) {
            spec.problem("duration_minutes", "is required (or duration_seconds)");
            return null;
        }
        Optional<Double> value = minutes ? spec.number("duration_minutes", true) : spec.number("duration_seconds", true);
        return value.map(v -> Duration.ofMillis(Math.round(v * (minutes ? 60_000 : 1000)))).orElse(null);
    }

    private static ProducerSettings producer(SpecFields p) {
        ProducerSettings d = ProducerSettings.DEFAULT;
        String acks = d.acks();
        JsonNode rawAcks = p.raw("acks");
        if (rawAcks != null) {
            acks = rawAcks.asText();
            if (!Set.of("0", "1", "all", "-1").contains(acks)) {
                p.problem("acks", "must be 0, 1 or all (got " + SpecFields.describe(rawAcks) + ")");
            }
        }
        int linger = p.integer("linger_ms", 0, 60_000).orElse((long) d.lingerMs()).intValue();
        int batch = p.integer("batch_size", 0, 16 << 20).orElse((long) d.batchSizeBytes()).intValue();
        String compression = p.string("compression_type").orElse(d.compressionType());
        if (!COMPRESSION_TYPES.contains(compression)) {
            p.problem("compression_type", "unknown compression '" + compression + "' (expected one of none, gzip, snappy, lz4, zstd)");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        p.object("properties").ifPresent(props -> {
            props.allow();
            JsonNode node = p.raw("properties");
            node.fields().forEachRemaining(e -> {
                if (e.getValue().isContainerNode()) {
                    props.problem(e.getKey(), "must be a scalar value");
                } else {
                    properties.put(e.getKey(), e.getValue().asText());
                }
            });
        });
        p.rejectUnknown();
        return new ProducerSettings(acks, linger, batch, compression, Map.copyOf(properties));
    }

    private static PerformanceTargets targets(SpecFields t) {
        PerformanceTargets parsed = new PerformanceTargets(
                optional(t.number("min_throughput_eps", true)),
                optional(t.number("max_p99_latency_ms", true)),
                optional(t.number("max_memory_mb", true)),
                optional(t.number("max_cpu_cores", true)));
        t.rejectUnknown();
        return parsed;
    }

    private static OptionalDouble optional(Optional<Double> value) {
        return value.map(OptionalDouble::of).orElse(OptionalDouble.empty());
    }
}
