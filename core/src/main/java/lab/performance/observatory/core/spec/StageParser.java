package lab.performance.observatory.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code processing_stages} of a spec: what users wrote, kept as written, and the
 * {@link TopologySettings} the topology takes from them. A spec has at most one stage that decodes
 * ({@code decode} or {@code stream_processor}), one {@code window} and one {@code sink}.
 */
final class StageParser {

    static final int MAX_BATCH_SIZE = 100_000;

    private StageParser() {
    }

    static TopologySettings parse(SpecFields spec, List<ProcessingStage> stages) {
        Optional<List<JsonNode>> nodes = spec.list("processing_stages");
        DecodeStrategy strategy = TopologySettings.DEFAULT.strategy();
        int windowSeconds = TopologySettings.DEFAULT.windowSeconds();
        OptionalInt batchSize = OptionalInt.empty();
        ProcessingGuarantee guarantee = ProcessingGuarantee.AT_LEAST_ONCE;
        Set<String> kinds = new HashSet<>();
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
            Optional<ProcessingStage.StageType> type = stage.requiredString("type").flatMap(t -> type(stage, t));
            type.filter(t -> !kinds.add(t.decodes() ? "decode" : t.wireName())).ifPresent(t -> stage.problem("type", t.decodes()
                    ? "only one stage may decode: decode and stream_processor both choose the decode strategy"
                    : "only one " + t.wireName() + " stage is allowed"));
            Map<String, Object> config = new LinkedHashMap<>();
            if (type.isPresent()) {
                SpecFields c = stage.object("config")
                        .orElseGet(() -> stage.nested(JsonNodeFactory.instance.objectNode(), stage.pathOf("config")));
                switch (type.get()) {
                    case DECODE, STREAM_PROCESSOR -> {
                        DecodeStrategy s = decodeStrategy(c);
                        if (s != null) {
                            strategy = s;
                            config.put("strategy", s.wireName());
                        }
                        if (type.get() == ProcessingStage.StageType.STREAM_PROCESSOR) {
                            Optional<Long> batch = c.integer("batch_size", 1, MAX_BATCH_SIZE);
                            if (batch.isPresent()) {
                                batchSize = OptionalInt.of(batch.get().intValue());
                                config.put("batch_size", batch.get().intValue());
                            }
                        }
                    }
                    case WINDOW -> {
                        windowSeconds = c.integer("window_seconds", 1, 60).orElse(1L).intValue();
                        config.put("window_seconds", windowSeconds);
                    }
                    case SINK -> { // PostgreSQL is configured per deployment; how the topology commits, per benchmark
                        Optional<String> g = c.string("processing_guarantee");
                        if (g.isPresent()) {
                            Optional<ProcessingGuarantee> known = ProcessingGuarantee.fromWireName(g.get());
                            if (known.isEmpty()) {
                                c.problem("processing_guarantee", "unknown guarantee '" + g.get() + "' (expected one of "
                                        + ProcessingGuarantee.wireNames() + ")");
                            } else {
                                guarantee = known.get();
                                config.put("processing_guarantee", guarantee.wireName());
                            }
                        }
                    }
                }
                c.rejectUnknown();
            }
            stage.rejectUnknown();
            if (name.isPresent() && type.isPresent()) {
                stages.add(new ProcessingStage(name.get(), type.get(), config));
            }
        }
        return new TopologySettings(strategy, windowSeconds, batchSize, guarantee);
    }

    private static Optional<ProcessingStage.StageType> type(SpecFields stage, String wireName) {
        Optional<ProcessingStage.StageType> known = Arrays.stream(ProcessingStage.StageType.values())
                .filter(t -> t.wireName().equals(wireName)).findFirst();
        if (known.isEmpty()) {
            stage.problem("type", "unknown stage type '" + wireName + "' (expected one of " + Arrays.stream(ProcessingStage.StageType.values())
                    .map(ProcessingStage.StageType::wireName).collect(Collectors.joining(", ")) + ")");
        }
        return known;
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
}
