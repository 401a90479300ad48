package lab.performance.observatory.core.spec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new InvalidSpecException(List.of(new SpecProblem("", "not valid YAML" + where + ": " + e.getOriginalMessage())));
        }
        return parse(root);
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
            DataSourceSpec parsed = dataSource(source, seed + i + 1);
            if (parsed != null && !sourceNames.add(parsed.name())) {
                source.problem("name", "duplicates another data source's name '" + parsed.name() + "'");
            }
            if (parsed != null) {
                sources.add(parsed);
            }
        }

        List<ProcessingStage> stages = new ArrayList<>();
        TopologySettings topology = processingStages(spec, stages);
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

    private static DataSourceSpec dataSource(SpecFields source, long defaultSeed) {
        Optional<String> name = source.requiredString("name");
        name.ifPresent(n -> {
            if (n.length() > MAX_SOURCE_NAME || !DNS_LABEL.matcher(n).matches()) {
                source.problem("name", "must be lower-case letters, digits and '-', at most " + MAX_SOURCE_NAME
                        + " characters, starting and ending with a letter or digit (got '" + n + "')");
            }
        });
        Optional<DataType> type = source.requiredString("data_type").flatMap(t -> {
            Optional<DataType> known = DataType.fromWireName(t);
            if (known.isEmpty()) {
                source.problem("data_type", "unknown data type '" + t + "' (expected one of " + DataType.wireNames() + ")");
            }
            return known;
        });
        Optional<Double> rate = source.requiredNumber("generation_rate", true).filter(r -> {
            if (r > MAX_RATE) {
                source.problem("generation_rate", "must be at most " + SpecFields.format(MAX_RATE) + " events/s (got " + SpecFields.format(r) + ")");
                return false;
            }
            return true;
        });
        PatternSpec pattern = pattern(source, rate.orElse(null), defaultSeed);
        SpikeSpec spikes = source.object("spikes").map(s -> spikes(s, defaultSeed ^ 0x5DEECE66DL)).orElse(null);
        SizeDistribution size = source.object("size_distribution")
                .map(s -> sizeDistribution(s, type.orElse(null)))
                .orElse(type.map(SpecParser::defaultSize).orElse(null));
        KeyDistribution keys = source.object("key_distribution").map(SpecParser::keyDistribution)
                .orElse(new KeyDistribution(KeyDistribution.Kind.UNIFORM, 1000, 1.0));
        int schemaVersion = source.integer("schema_version", 1, DataType.LATEST_SCHEMA_VERSION)
                .orElse((long) DataType.LATEST_SCHEMA_VERSION).intValue();
        Framing framing = Framing.AUTO;
        Optional<String> framingName = source.string("framing");
        if (framingName.isPresent()) {
            framing = Framing.fromWireName(framingName.get()).orElse(null);
            if (framing == null) {
                source.problem("framing", "unknown framing '" + framingName.get() + "' (expected auto, single_object or registry)");
            }
        }
        source.rejectUnknown();
        if (name.isEmpty() || type.isEmpty() || rate.isEmpty() || pattern == null || size == null || keys == null
                || framing == null || (source.has("spikes") && spikes == null)) {
            return null;
        }
        return new DataSourceSpec(name.get(), type.get(), rate.get(), pattern, spikes, size, keys, schemaVersion, framing);
    }

    private static SizeDistribution defaultSize(DataType type) {
        int min = Math.max(type.minimumEventBytes(), 128);
        return new SizeDistribution(min, Math.max(min, 512), SizeDistribution.Shape.UNIFORM);
    }

    private static PatternSpec pattern(SpecFields source, Double rate, long defaultSeed) {
        JsonNode raw = source.raw("pattern");
        if (raw == null) {
            return new PatternSpec.Steady();
        }
        if (raw.isTextual()) {
            return patternOfType(raw.asText(), null, source, rate, defaultSeed);
        }
        Optional<SpecFields> fields = source.object("pattern");
        if (fields.isEmpty()) {
            return null;
        }
        SpecFields p = fields.get();
        PatternSpec parsed = p.requiredString("type").map(t -> patternOfType(t, p, source, rate, defaultSeed)).orElse(null);
        p.rejectUnknown();
        return parsed;
    }

    private static PatternSpec patternOfType(String type, SpecFields p, SpecFields source, Double rate, long defaultSeed) {
        String typePath = p == null ? "pattern" : "pattern.type";
        switch (type) {
            case "steady":
                return new PatternSpec.Steady();
            case "periodic": {
                double period = p == null ? 60 : p.number("period_seconds", true).orElse(60.0);
                Double amplitude = p == null ? null : p.number("amplitude", false).orElse(null);
                if (rate == null) {
                    return null;
                }
                double a = amplitude == null ? rate / 2 : amplitude;
                if (a > rate) {
                    p.problem("amplitude", "must not exceed generation_rate (" + SpecFields.format(rate)
                            + "), or the rate would go negative (got " + SpecFields.format(a) + ")");
                    return null;
                }
                return new PatternSpec.Periodic(period, a);
            }
            case "bursty": {
                Optional<Double> burstRate = p == null ? Optional.empty() : p.number("burst_rate", false);
                Optional<Double> multiplier = p == null ? Optional.empty() : p.number("burst_multiplier", true);
                double burstSeconds = p == null ? 1 : p.number("burst_seconds", true).orElse(1.0);
                double quietSeconds = p == null ? 4 : p.number("quiet_seconds", true).orElse(4.0);
                if (burstRate.isPresent() && multiplier.isPresent()) {
                    p.problem("burst_multiplier", "give burst_rate or burst_multiplier, not both");
                    return null;
                }
                if (rate == null) {
                    return null;
                }
                double burst = burstRate.orElse(rate * multiplier.orElse(5.0));
                if (burst > MAX_RATE) {
                    p.problem(burstRate.isPresent() ? "burst_rate" : "burst_multiplier",
                            "makes a burst rate above " + SpecFields.format(MAX_RATE) + " events/s");
                    return null;
                }
                return new PatternSpec.Bursty(burst, burstSeconds, quietSeconds);
            }
            case "chaos": {
                Optional<Double> min = p == null ? Optional.empty() : p.number("min_rate", false);
                Optional<Double> max = p == null ? Optional.empty() : p.number("max_rate", true);
                double interval = p == null ? 1 : p.number("change_interval_seconds", true).orElse(1.0);
                long seed = p == null ? defaultSeed : p.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE).orElse(defaultSeed);
                if (rate == null) {
                    return null;
                }
                double lo = min.orElse(rate / 2);
                double hi = max.orElse(rate * 1.5);
                if (lo > hi) {
                    p.problem("min_rate", "must not exceed max_rate (" + SpecFields.format(lo) + " > " + SpecFields.format(hi) + ")");
                    return null;
                }
                if (hi > MAX_RATE) {
                    (p == null ? source : p).problem(p == null ? "generation_rate" : "max_rate",
                            "must be at most " + SpecFields.format(MAX_RATE) + " events/s");
                    return null;
                }
                return new PatternSpec.Chaos(lo, hi, interval, seed);
            }
            default:
                source.problem(typePath, "unknown pattern '" + type + "' (expected one of steady, periodic, bursty, chaos)");
                return null;
        }
    }

    private static SpikeSpec spikes(SpecFields s, long defaultSeed) {
        Optional<Double> probability = s.requiredNumber("probability", false).filter(p -> {
            if (p > 1) {
                s.problem("probability", "must be between 0 and 1 (got " + SpecFields.format(p) + ")");
                return false;
            }
            return true;
        });
        Optional<Double> multiplier = s.requiredNumber("multiplier", true);
        double interval = s.number("interval_seconds", true).orElse(1.0);
        long seed = s.integer("seed", Long.MIN_VALUE, Long.MAX_VALUE).orElse(defaultSeed);
        s.rejectUnknown();
        if (probability.isEmpty() || multiplier.isEmpty()) {
            return null;
        }
        return new SpikeSpec(probability.get(), multiplier.get(), interval, seed);
    }

    private static SizeDistribution sizeDistribution(SpecFields s, DataType type) {
        Optional<Long> min = s.integer("min_bytes", 1, MAX_EVENT_BYTES);
        Optional<Long> max = s.integer("max_bytes", 1, MAX_EVENT_BYTES);
        if (!s.has("min_bytes")) {
            s.problem("min_bytes", "is required");
        }
        if (!s.has("max_bytes")) {
            s.problem("max_bytes", "is required");
        }
        SizeDistribution.Shape shape = SizeDistribution.Shape.UNIFORM;
        Optional<String> distribution = s.string("distribution");
        if (distribution.isPresent()) {
            String d = distribution.get().toLowerCase(Locale.ROOT);
            if (d.equals("normal")) {
                shape = SizeDistribution.Shape.NORMAL;
            } else if (!d.equals("uniform")) {
                s.problem("distribution", "unknown distribution '" + distribution.get() + "' (expected uniform or normal)");
                shape = null;
            }
        }
        s.rejectUnknown();
        if (min.isEmpty() || max.isEmpty() || shape == null) {
            return null;
        }
        if (min.get() > max.get()) {
            s.problem("min_bytes", "must not exceed max_bytes (" + min.get() + " > " + max.get() + ")");
            return null;
        }
        if (type != null && min.get() < type.minimumEventBytes()) {
            s.problem("min_bytes", "must be at least " + type.minimumEventBytes() + " for " + type.wireName()
                    + ", the smallest event that carries its fields (got " + min.get() + ")");
            return null;
        }
        return new SizeDistribution(min.get().intValue(), max.get().intValue(), shape);
    }

    private static KeyDistribution keyDistribution(SpecFields k) {
        KeyDistribution.Kind kind = KeyDistribution.Kind.UNIFORM;
        Optional<String> type = k.string("type");
        if (type.isPresent()) {
            kind = switch (type.get()) {
                case "uniform" -> KeyDistribution.Kind.UNIFORM;
                case "zipf" -> KeyDistribution.Kind.ZIPF;
                case "sequential" -> KeyDistribution.Kind.SEQUENTIAL;
                default -> {
                    k.problem("type", "unknown key distribution '" + type.get() + "' (expected uniform, zipf or sequential)");
                    yield null;
                }
            };
        }
        int cardinality = k.integer("cardinality", 1, 10_000_000).orElse(1000L).intValue();
        double exponent = k.number("exponent", true).orElse(1.0);
        if (k.has("exponent") && kind != KeyDistribution.Kind.ZIPF) {
            k.problem("exponent", "applies only to type zipf");
        }
        k.rejectUnknown();
        return kind == null ? null : new KeyDistribution(kind, cardinality, exponent);
    }

    private static TopologySettings processingStages(SpecFields spec, List<ProcessingStage> stages) {
        Optional<List<JsonNode>> nodes = spec.list("processing_stages");
        TopologySettings settings = TopologySettings.DEFAULT;
        DecodeStrategy strategy = settings.strategy();
        int windowSeconds = settings.windowSeconds();
        Set<ProcessingStage.StageType> seen = new HashSet<>();
        Set<String> names = new HashSet<>();
        List<JsonNode> list = nodes.orElse(List.of());
        for (int i = 0; i < list.size(); i++) {
            String path = spec.pathOf("processing_stages") + "[" + i + "]";
            if (!list.get(i).isObject()) {
                spec.problemAt(path, "must be a mapping with name, type and config");
                continue;
            }
            SpecFields stage = spec.nested(list.get(i), path);
            Optional<String> name = stage.requiredString("name");
            name.filter(n -> !names.add(n)).ifPresent(n -> stage.problem("name", "duplicates another stage's name '" + n + "'"));
            Optional<ProcessingStage.StageType> type = stage.requiredString("type").flatMap(t -> {
                for (ProcessingStage.StageType candidate : ProcessingStage.StageType.values()) {
                    if (candidate.wireName().equals(t)) {
                        return Optional.of(candidate);
                    }
                }
                stage.problem("type", "unknown stage type '" + t + "' (expected one of decode, window, sink)");
                return Optional.empty();
            });
            type.filter(t -> !seen.add(t)).ifPresent(t -> stage.problem("type", "only one " + t.wireName() + " stage is allowed"));
            Map<String, Object> config = new LinkedHashMap<>();
            Optional<SpecFields> configFields = stage.object("config");
            if (type.isPresent()) {
                SpecFields c = configFields.orElseGet(() -> stage.nested(JsonNodeFactory.instance.objectNode(), stage.pathOf("config")));
                switch (type.get()) {
                    case DECODE -> {
                        DecodeStrategy s = decodeStrategy(c);
                        if (s != null) {
                            strategy = s;
                            config.put("strategy", s.wireName());
                        }
                    }
                    case WINDOW -> {
                        Optional<Long> w = c.integer("window_seconds", 1, 60);
                        windowSeconds = w.orElse(1L).intValue();
                        config.put("window_seconds", windowSeconds);
                    }
                    case SINK -> {
                        // the sink has no settings yet: PostgreSQL is configured per deployment, not per benchmark
                    }
                }
                c.rejectUnknown();
            }
            stage.rejectUnknown();
            if (name.isPresent() && type.isPresent()) {
                stages.add(new ProcessingStage(name.get(), type.get(), config));
            }
        }
        return new TopologySettings(strategy, windowSeconds);
    }

    private static DecodeStrategy decodeStrategy(SpecFields c) {
        Optional<String> named = c.string("strategy");
        Optional<Boolean> zeroCopy = c.bool("enable_zero_copy");
        if (named.isPresent() && zeroCopy.isPresent()) {
            c.problem("enable_zero_copy", "give strategy or enable_zero_copy, not both");
            return null;
        }
        DecodeStrategy strategy;
        String field;
        if (named.isPresent()) {
            field = "strategy";
            strategy = DecodeStrategy.fromWireName(named.get()).orElse(null);
            if (strategy == null) {
                c.problem(field, "unknown strategy '" + named.get() + "' (expected copying, zero-copy or generic)");
                return null;
            }
        } else if (zeroCopy.isPresent()) {
            field = "enable_zero_copy";
            strategy = zeroCopy.get() ? DecodeStrategy.ZERO_COPY : DecodeStrategy.COPYING;
        } else {
            return DecodeStrategy.COPYING;
        }
        if (!strategy.available()) {
            c.problem(field, "strategy " + strategy.wireName() + " is not available in this version (use copying)");
            return null;
        }
        return strategy;
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
