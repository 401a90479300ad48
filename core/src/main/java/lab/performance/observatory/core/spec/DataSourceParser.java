package lab.performance.observatory.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of {@code data_sources}: name, type, per-stream rate and its pattern, spikes, sizes,
 * keys, schema version and framing. Rules and messages are shared by every front end through
 * {@link SpecParser}.
 */
final class DataSourceParser {

    private DataSourceParser() {
    }

    static DataSourceSpec dataSource(SpecFields source, long defaultSeed) {
        Optional<String> name = source.requiredString("name");
        name.ifPresent(n -> {
            if (n.length() > SpecParser.MAX_SOURCE_NAME || !SpecParser.DNS_LABEL.matcher(n).matches()) {
                source.problem("name", "must be lower-case letters, digits and '-', at most " + SpecParser.MAX_SOURCE_NAME
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
        PatternSpec.Replay replay = replay(source);
        if (replay != null || isReplay(source)) {
            return replaySource(source, name, type, replay);
        }
        Optional<Double> rate = source.requiredNumber("generation_rate", true).filter(r -> {
            if (r > SpecParser.MAX_RATE) {
                source.problem("generation_rate", "must be at most " + SpecFields.format(SpecParser.MAX_RATE) + " events/s (got " + SpecFields.format(r) + ")");
                return false;
            }
            return true;
        });
        PatternSpec pattern = pattern(source, rate.orElse(null), defaultSeed);
        SpikeSpec spikes = source.object("spikes").map(s -> spikes(s, defaultSeed ^ 0x5DEECE66DL)).orElse(null);
        SizeDistribution size = source.object("size_distribution")
                .map(s -> sizeDistribution(s, type.orElse(null)))
                .orElse(type.map(DataSourceParser::defaultSize).orElse(null));
        boolean cdc = type.filter(t -> t == DataType.CDC).isPresent();
        if (cdc && source.has("key_distribution")) {
            source.problem("key_distribution", "does not apply to a cdc source: its keys are the rows it changes");
        }
        KeyDistribution keys = cdc ? CDC_KEYS : source.object("key_distribution").map(DataSourceParser::keyDistribution)
                .orElse(new KeyDistribution(KeyDistribution.Kind.UNIFORM, 1000, 1.0));
        ChangeMix mix = changeMix(source, cdc);
        int schemaVersion = schemaVersion(source, type);
        Framing framing = framing(source);
        double corrupt = corruptFraction(source);
        if (cdc && corrupt > 0) {
            source.problem("corrupt_fraction", "does not apply to a cdc source: its events are the changes Debezium captures");
        }
        source.rejectUnknown();
        if (name.isEmpty() || type.isEmpty() || rate.isEmpty() || pattern == null || size == null || keys == null
                || framing == null || (source.has("spikes") && spikes == null) || (cdc && mix == null)) {
            return null;
        }
        return new DataSourceSpec(name.get(), type.get(), rate.get(), pattern, spikes, size, keys, schemaVersion, framing, mix, corrupt);
    }

    /** {@code corrupt_fraction}: the share of the stream sent as corrupt records, 0 to 0.5 (default 0). */
    private static double corruptFraction(SpecFields source) {
        double f = source.has("corrupt_fraction") ? source.requiredNumber("corrupt_fraction", false).orElse(0.0) : 0;
        if (f > DataSourceSpec.MAX_CORRUPT_FRACTION) {
            source.problem("corrupt_fraction", "must be between 0 and " + SpecFields.format(DataSourceSpec.MAX_CORRUPT_FRACTION)
                    + " (got " + SpecFields.format(f) + ")");
        }
        return f;
    }

    /** A CDC source's events are keyed by the rows it changes; this only stands in the spec model. */
    static final KeyDistribution CDC_KEYS = new KeyDistribution(KeyDistribution.Kind.SEQUENTIAL, 1, 1.0);

    /** A cdc source's {@code change_mix} (default {@link ChangeMix#DEFAULT}); refused on any other source. */
    private static ChangeMix changeMix(SpecFields source, boolean cdc) {
        if (!source.has("change_mix")) {
            return cdc ? ChangeMix.DEFAULT : null;
        }
        if (!cdc) {
            source.problem("change_mix", "applies to cdc sources only");
            return null;
        }
        Optional<SpecFields> fields = source.object("change_mix");
        if (fields.isEmpty()) {
            return null;
        }
        SpecFields m = fields.get();
        Optional<Double> insert = m.number("insert", false);
        Optional<Double> update = m.number("update", false);
        Optional<Double> delete = m.number("delete", false);
        m.rejectUnknown();
        if ((m.has("insert") && insert.isEmpty()) || (m.has("update") && update.isEmpty()) || (m.has("delete") && delete.isEmpty())) {
            return null;
        }
        double i = insert.orElse(0.0);
        double u = update.orElse(0.0);
        double d = delete.orElse(0.0);
        if (Math.abs(i + u + d - 1) > 1e-9) {
            source.problem("change_mix", "insert, update and delete must add up to 1 (got " + SpecFields.format(i + u + d) + ")");
            return null;
        }
        return new ChangeMix(i, u, d);
    }

    private static int schemaVersion(SpecFields source, Optional<DataType> type) {
        int first = type.map(DataType::firstSchemaVersion).orElse(1);
        return source.integer("schema_version", first, DataType.LATEST_SCHEMA_VERSION)
                .orElse((long) DataType.LATEST_SCHEMA_VERSION).intValue();
    }

    private static Framing framing(SpecFields source) {
        Optional<String> framingName = source.string("framing");
        if (framingName.isEmpty()) {
            return Framing.AUTO;
        }
        Framing framing = Framing.fromWireName(framingName.get()).orElse(null);
        if (framing == null) {
            source.problem("framing", "unknown framing '" + framingName.get() + "' (expected auto, single_object or registry)");
        }
        return framing;
    }

    private static boolean isReplay(SpecFields source) {
        JsonNode raw = source.raw("pattern");
        JsonNode type = raw == null ? null : raw.isTextual() ? raw : raw.get("type");
        return type != null && type.isTextual() && type.asText().equals("replay");
    }

    /**
     * A replay source (docs/load-profiles.md): its rate, sizes and keys come from the recording, so
     * the fields that would set them are refused rather than silently ignored.
     */
    private static DataSourceSpec replaySource(SpecFields source, Optional<String> name, Optional<DataType> type, PatternSpec.Replay replay) {
        for (String field : new String[] {"generation_rate", "size_distribution", "key_distribution", "spikes"}) {
            if (source.has(field)) {
                source.problem(field, "does not apply to a replay source: the recording sets its "
                        + (field.equals("generation_rate") ? "rate (scale it with pattern.speed or pattern.scale)"
                        : field.equals("spikes") ? "rate, bursts included" : field.equals("size_distribution") ? "sizes" : "keys"));
            }
        }
        if (type.filter(t -> t == DataType.CDC).isPresent()) {
            source.problem("pattern", "a cdc source cannot replay a profile yet: give it a generation_rate and a pattern");
        }
        int schemaVersion = schemaVersion(source, type);
        Framing framing = framing(source);
        source.rejectUnknown();
        if (name.isEmpty() || type.isEmpty() || replay == null || framing == null || type.get() == DataType.CDC) {
            return null;
        }
        PatternSpec.Recorded r = replay.recorded();
        if (replay.meanRate() > SpecParser.MAX_RATE) {
            source.problem("pattern.speed", "replays the recording at " + SpecFields.format(replay.meanRate())
                    + " events/s on average, above the " + SpecFields.format(SpecParser.MAX_RATE) + " a source may offer");
            return null;
        }
        int min = Math.max(type.get().minimumEventBytes(), r.minBytes());
        SizeDistribution size = new SizeDistribution(min, Math.max(min, r.maxBytes()), SizeDistribution.Shape.UNIFORM);
        KeyDistribution keys = new KeyDistribution(KeyDistribution.Kind.UNIFORM, Math.max(1, r.distinctKeys()), 1.0);
        return new DataSourceSpec(name.get(), type.get(), replay.meanRate(), replay, null, size, keys, schemaVersion, framing);
    }

    /** The replay pattern's fields; null if the pattern is not a replay or has problems (reported). */
    private static PatternSpec.Replay replay(SpecFields source) {
        if (!isReplay(source)) {
            return null;
        }
        if (source.raw("pattern").isTextual()) {
            source.problem("pattern", "a replay pattern needs its profile: {type: replay, profile: FILE}");
            return null;
        }
        Optional<SpecFields> fields = source.object("pattern");
        if (fields.isEmpty()) {
            return null;
        }
        SpecFields p = fields.get();
        p.requiredString("type");
        Optional<String> profile = p.requiredString("profile");
        Optional<Double> speed = p.number("speed", true);
        Optional<Double> scale = p.number("scale", true);
        Optional<Boolean> loop = p.bool("loop");
        String stream = p.string("stream").orElse(null);
        PatternSpec.Recorded recorded = null;
        if (!p.has("recorded")) {
            if (profile.isPresent()) {
                p.problem("recorded", "missing: the profile " + profile.get() + " was not read (a front end reads it and fills this in)");
            }
        } else {
            recorded = p.object("recorded").map(DataSourceParser::recorded).orElse(null);
        }
        boolean valid = (!p.has("speed") || speed.isPresent()) && (!p.has("scale") || scale.isPresent()) && (!p.has("loop") || loop.isPresent());
        p.rejectUnknown();
        if (profile.isEmpty() || recorded == null || !valid) {
            return null;
        }
        if (recorded.events() == 0) {
            p.problem("profile", profile.get() + " holds no events" + (stream == null ? "" : " of stream " + stream));
            return null;
        }
        return new PatternSpec.Replay(profile.get(), speed.orElse(1.0), loop.orElse(false), stream, recorded, scale.orElse(1.0), 0);
    }

    private static PatternSpec.Recorded recorded(SpecFields r) {
        Optional<Long> events = r.integer("events", 0, Long.MAX_VALUE);
        Optional<Double> seconds = r.number("seconds", true);
        Optional<Double> mean = r.number("mean_rate", false);
        Optional<Double> peak = r.number("peak_rate", false);
        Optional<Long> min = r.integer("min_bytes", 0, SpecParser.MAX_EVENT_BYTES);
        Optional<Long> max = r.integer("max_bytes", 0, SpecParser.MAX_EVENT_BYTES);
        Optional<Double> meanBytes = r.number("mean_bytes", false);
        Optional<Long> keys = r.integer("distinct_keys", 0, Integer.MAX_VALUE);
        Optional<String> sha = r.requiredString("sha256");
        for (String field : new String[] {"events", "seconds", "mean_rate", "peak_rate", "min_bytes", "max_bytes", "mean_bytes", "distinct_keys"}) {
            if (!r.has(field)) {
                r.problem(field, "is required");
            }
        }
        r.rejectUnknown();
        if (events.isEmpty() || seconds.isEmpty() || mean.isEmpty() || peak.isEmpty() || min.isEmpty() || max.isEmpty() || meanBytes.isEmpty()
                || keys.isEmpty() || sha.isEmpty()) {
            return null;
        }
        return new PatternSpec.Recorded(events.get(), seconds.get(), mean.get(), peak.get(), min.get().intValue(), max.get().intValue(),
                meanBytes.get(), keys.get().intValue(), sha.get());
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
                if (burst > SpecParser.MAX_RATE) {
                    p.problem(burstRate.isPresent() ? "burst_rate" : "burst_multiplier",
                            "makes a burst rate above " + SpecFields.format(SpecParser.MAX_RATE) + " events/s");
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
                if (hi > SpecParser.MAX_RATE) {
                    (p == null ? source : p).problem(p == null ? "generation_rate" : "max_rate",
                            "must be at most " + SpecFields.format(SpecParser.MAX_RATE) + " events/s");
                    return null;
                }
                return new PatternSpec.Chaos(lo, hi, interval, seed);
            }
            default:
                source.problem(typePath, "unknown pattern '" + type + "' (expected one of steady, periodic, bursty, chaos, replay)");
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
        Optional<Long> min = s.integer("min_bytes", 1, SpecParser.MAX_EVENT_BYTES);
        Optional<Long> max = s.integer("max_bytes", 1, SpecParser.MAX_EVENT_BYTES);
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
}
