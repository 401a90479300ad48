package lab.performance.observatory.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpecParserTest {

    static final String VALID = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata:
              name: baseline
            spec:
              duration_minutes: 1
              concurrent_streams: 2
              data_sources:
                - name: market
                  data_type: market_data
                  generation_rate: 10000
                  pattern: steady
                  size_distribution: {min_bytes: 100, max_bytes: 300, distribution: uniform}
                - name: sensors
                  data_type: iot_sensor
                  generation_rate: 5000
                  pattern: {type: bursty, burst_multiplier: 4, burst_seconds: 2, quiet_seconds: 8}
                  size_distribution: {min_bytes: 200, max_bytes: 800, distribution: normal}
                  key_distribution: {type: zipf, cardinality: 500, exponent: 1.2}
                - name: logs
                  data_type: log_event
                  generation_rate: 2000
                  pattern: {type: periodic, period_seconds: 30, amplitude: 1000}
                  spikes: {probability: 0.1, multiplier: 10}
              processing_stages:
                - {name: decode, type: decode, config: {strategy: copying}}
                - {name: windows, type: window, config: {window_seconds: 1}}
                - {name: store, type: sink}
              performance_targets:
                min_throughput_eps: 15000
                max_p99_latency_ms: 50
                max_memory_mb: 512
                max_cpu_cores: 1.5
              comparison_baseline: main
            """;

    static BenchmarkSpec parse(String yaml) throws InvalidSpecException {
        return SpecParser.parse(yaml);
    }

    @Test
    void readsAValidSpecWithEveryField() throws Exception {
        BenchmarkSpec spec = parse(VALID);
        assertThat(spec.name()).isEqualTo("baseline");
        assertThat(spec.duration()).isEqualTo(Duration.ofMinutes(1));
        assertThat(spec.warmup()).isEqualTo(Duration.ofSeconds(6));
        assertThat(spec.concurrentStreams()).isEqualTo(2);
        assertThat(spec.dataSources()).extracting(DataSourceSpec::name).containsExactly("market", "sensors", "logs");
        assertThat(spec.dataSources().get(0).pattern()).isEqualTo(new PatternSpec.Steady());
        assertThat(spec.dataSources().get(1).pattern()).isEqualTo(new PatternSpec.Bursty(20000, 2, 8));
        assertThat(spec.dataSources().get(1).sizeDistribution())
                .isEqualTo(new SizeDistribution(200, 800, SizeDistribution.Shape.NORMAL));
        assertThat(spec.dataSources().get(1).keyDistribution())
                .isEqualTo(new KeyDistribution(KeyDistribution.Kind.ZIPF, 500, 1.2));
        assertThat(spec.dataSources().get(2).pattern()).isEqualTo(new PatternSpec.Periodic(30, 1000));
        assertThat(spec.dataSources().get(2).spikes().probability()).isEqualTo(0.1);
        assertThat(spec.dataSources().get(2).spikes().multiplier()).isEqualTo(10);
        assertThat(spec.dataSources().get(0).schemaVersion()).isEqualTo(DataType.LATEST_SCHEMA_VERSION);
        assertThat(spec.dataSources().get(0).framing()).isEqualTo(Framing.AUTO);
        assertThat(spec.topology()).isEqualTo(new TopologySettings(DecodeStrategy.COPYING, 1));
        assertThat(spec.targets().minThroughputEps()).hasValue(15000);
        assertThat(spec.targets().maxCpuCores()).hasValue(1.5);
        assertThat(spec.comparisonBaseline()).hasValue("main");
        // two concurrent streams of each source: twice every rate is offered
        assertThat(spec.totalBaseRate()).isEqualTo(34000);
        assertThat(spec.offeredRate(spec.dataSources().get(0))).isEqualTo(20000);
        assertThat(spec.offeredSources().get(1).pattern()).isEqualTo(new PatternSpec.Bursty(40000, 2, 8));
        assertThat(spec.offeredSources().get(2).pattern()).isEqualTo(new PatternSpec.Periodic(30, 2000));
    }

    static final String STREAM_PROCESSOR = """
            apiVersion: performance.lab/v1
            kind: PipelineBenchmark
            metadata: {name: zero-copy-streams}
            spec:
              duration_minutes: 1
              concurrent_streams: 5
              data_sources:
                - {name: market, data_type: market_data, generation_rate: 1000}
              processing_stages:
                - name: zero-copy-processor
                  type: stream_processor
                  config: {enable_zero_copy: true, batch_size: 1000}
              performance_targets: {min_throughput_eps: 5000}
            """;

    @Test
    void readsAStreamProcessorStageInTheWordsUsersWrite() throws Exception {
        BenchmarkSpec spec = parse(STREAM_PROCESSOR);
        assertThat(spec.topology().strategy()).isEqualTo(DecodeStrategy.ZERO_COPY);
        assertThat(spec.topology().batchSize()).hasValue(1000);
        assertThat(spec.processingStages()).singleElement().satisfies(stage -> {
            assertThat(stage.type()).isEqualTo(ProcessingStage.StageType.STREAM_PROCESSOR);
            assertThat(stage.config()).containsEntry("strategy", "zero-copy").containsEntry("batch_size", 1000);
        });
        // five streams of 1,000 events/s: the 5,000 events/s the throughput target asks for
        assertThat(spec.totalBaseRate()).isEqualTo(5000);
        assertThat(SpecParser.parse(SpecWriter.toDocument(spec))).isEqualTo(spec);
        // --strategy keeps the batch size
        BenchmarkSpec copying = spec.withStrategy(DecodeStrategy.COPYING);
        assertThat(copying.topology()).isEqualTo(new TopologySettings(DecodeStrategy.COPYING, 1, java.util.OptionalInt.of(1000)));
        assertThat(SpecParser.parse(SpecWriter.toDocument(copying))).isEqualTo(copying);
        assertThat(parse(STREAM_PROCESSOR.replace("{enable_zero_copy: true, batch_size: 1000}", "{strategy: generic}")).topology())
                .isEqualTo(new TopologySettings(DecodeStrategy.GENERIC, 1));
    }

    @Test
    void generatorSharesKeepTheStreamsAndSplitWhatTheyOffer() throws Exception {
        BenchmarkSpec spec = parse(STREAM_PROCESSOR);
        BenchmarkSpec share = spec.shareOf(1, 2);
        assertThat(share.concurrentStreams()).isEqualTo(5);
        assertThat(share.totalBaseRate()).isEqualTo(2500);
        assertThat(spec.withTotalRate(10_000).dataSources().get(0).generationRate()).isEqualTo(2000);
    }

    @Test
    void fillsDefaults() throws Exception {
        BenchmarkSpec spec = parse("""
                apiVersion: performance.lab/v1
                kind: PipelineBenchmark
                metadata: {name: tiny}
                spec:
                  duration_seconds: 30
                  data_sources: [{name: m, data_type: market_data, generation_rate: 100}]
                """);
        assertThat(spec.warmup()).isEqualTo(Duration.ofSeconds(3));
        assertThat(spec.concurrentStreams()).isEqualTo(1);
        assertThat(spec.producer()).isEqualTo(ProducerSettings.DEFAULT);
        assertThat(spec.topology()).isEqualTo(TopologySettings.DEFAULT);
        assertThat(spec.targets()).isEqualTo(PerformanceTargets.NONE);
        DataSourceSpec source = spec.dataSources().get(0);
        assertThat(source.pattern()).isEqualTo(new PatternSpec.Steady());
        assertThat(source.sizeDistribution()).isEqualTo(new SizeDistribution(128, 512, SizeDistribution.Shape.UNIFORM));
        assertThat(source.keyDistribution()).isEqualTo(new KeyDistribution(KeyDistribution.Kind.UNIFORM, 1000, 1.0));
    }

    @Test
    void aLongRunCapsTheDefaultWarmupAtTenSeconds() throws Exception {
        assertThat(parse(VALID.replace("duration_minutes: 1", "duration_minutes: 10")).warmup()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsSchemaVersionFramingAndEveryStrategy() throws Exception {
        BenchmarkSpec spec = parse(VALID.replace("pattern: steady", "pattern: steady\n      schema_version: 1\n      framing: registry")
                .replace("config: {strategy: copying}", "config: {strategy: zero-copy}"));
        assertThat(spec.dataSources().get(0).schemaVersion()).isEqualTo(1);
        assertThat(spec.dataSources().get(0).framing()).isEqualTo(Framing.REGISTRY);
        assertThat(spec.topology().strategy()).isEqualTo(DecodeStrategy.ZERO_COPY);
        assertThat(parse(VALID.replace("config: {strategy: copying}", "config: {enable_zero_copy: true}")).topology().strategy())
                .isEqualTo(DecodeStrategy.ZERO_COPY);
        assertThat(parse(VALID.replace("config: {strategy: copying}", "config: {strategy: generic}")).topology().strategy())
                .isEqualTo(DecodeStrategy.GENERIC);
        assertThat(Framing.AUTO.resolve(true)).isEqualTo(Framing.REGISTRY);
        assertThat(Framing.AUTO.resolve(false)).isEqualTo(Framing.SINGLE_OBJECT);
        assertThat(Framing.SINGLE_OBJECT.resolve(true)).isEqualTo(Framing.SINGLE_OBJECT);
        assertThat(SpecParser.parse(SpecWriter.toDocument(spec))).isEqualTo(spec);
        BenchmarkSpec generic = spec.withStrategy(DecodeStrategy.GENERIC);
        assertThat(generic.topology().strategy()).isEqualTo(DecodeStrategy.GENERIC);
        assertThat(SpecParser.parse(SpecWriter.toDocument(generic))).isEqualTo(generic);
        BenchmarkSpec noStages = parse(VALID.substring(0, VALID.indexOf("  processing_stages:")));
        assertThat(noStages.withStrategy(DecodeStrategy.ZERO_COPY).processingStages()).hasSize(1);
        assertThat(SpecParser.parse(SpecWriter.toDocument(noStages.withStrategy(DecodeStrategy.ZERO_COPY))).topology().strategy())
                .isEqualTo(DecodeStrategy.ZERO_COPY);
    }

    @Test
    void enableZeroCopyFalseMeansCopying() throws Exception {
        BenchmarkSpec spec = parse(VALID.replace("config: {strategy: copying}", "config: {enable_zero_copy: false}"));
        assertThat(spec.topology().strategy()).isEqualTo(DecodeStrategy.COPYING);
    }

    @Test
    void writtenSpecsReadBackEqual() throws Exception {
        BenchmarkSpec spec = parse(VALID.replace("pattern: steady", "pattern: {type: chaos, min_rate: 10, max_rate: 90}"));
        assertThat(SpecParser.parse(SpecWriter.toDocument(spec))).isEqualTo(spec);
        BenchmarkSpec shorter = spec.withDuration(Duration.ofSeconds(10));
        assertThat(shorter.warmup()).isEqualTo(Duration.ofSeconds(6));
        assertThat(SpecParser.parse(SpecWriter.toDocument(shorter))).isEqualTo(shorter);
        assertThat(spec.withDuration(Duration.ofSeconds(5)).warmup()).isEqualTo(Duration.ofMillis(500));
    }

    static Stream<Arguments> invalidSpecs() {
        return Stream.of(
                Arguments.of("data_type: market_data", "data_type: stock_ticks",
                        "spec.data_sources[0].data_type: unknown data type 'stock_ticks' (expected one of market_data, iot_sensor, log_event, cdc)"),
                Arguments.of("generation_rate: 10000", "generation_rate: -5",
                        "spec.data_sources[0].generation_rate: must be greater than 0 (got -5)"),
                Arguments.of("generation_rate: 10000", "generation_rate: 0",
                        "spec.data_sources[0].generation_rate: must be greater than 0 (got 0)"),
                Arguments.of("generation_rate: 10000", "generation_rate: fast",
                        "spec.data_sources[0].generation_rate: must be a number (got 'fast')"),
                Arguments.of("generation_rate: 10000", "generation_rate: 20000000",
                        "spec.data_sources[0].generation_rate: must be at most 10000000 events/s (got 20000000)"),
                Arguments.of("{min_bytes: 100, max_bytes: 300, distribution: uniform}", "{min_bytes: 500, max_bytes: 300}",
                        "spec.data_sources[0].size_distribution.min_bytes: must not exceed max_bytes (500 > 300)"),
                Arguments.of("{min_bytes: 100, max_bytes: 300, distribution: uniform}", "{min_bytes: 10, max_bytes: 300}",
                        "spec.data_sources[0].size_distribution.min_bytes: must be at least 48 for market_data, the smallest event that carries its fields (got 10)"),
                Arguments.of("{min_bytes: 100, max_bytes: 300, distribution: uniform}", "{min_bytes: 100, max_bytes: 300, distribution: lognormal}",
                        "spec.data_sources[0].size_distribution.distribution: unknown distribution 'lognormal' (expected uniform or normal)"),
                Arguments.of("{min_bytes: 100, max_bytes: 300, distribution: uniform}", "{max_bytes: 300}",
                        "spec.data_sources[0].size_distribution.min_bytes: is required"),
                Arguments.of("generation_rate: 10000", "generation_rat: 10000",
                        "spec.data_sources[0].generation_rate: is required"),
                Arguments.of("concurrent_streams: 2", "concurrent_streams: 2\n  turbo: true",
                        "spec.turbo: unknown field (expected one of"),
                Arguments.of("concurrent_streams: 2", "concurrent_stream: 2",
                        "spec.concurrent_stream: unknown field (did you mean concurrent_streams?)"),
                Arguments.of("concurrent_streams: 2", "concurrent_streams: 0",
                        "spec.concurrent_streams: must be between 1 and 256 (got 0)"),
                Arguments.of("concurrent_streams: 2", "concurrent_streams: 1.5",
                        "spec.concurrent_streams: must be a whole number (got 1.5)"),
                Arguments.of("duration_minutes: 1", "duration_minutes: 0",
                        "spec.duration_minutes: must be greater than 0 (got 0)"),
                Arguments.of("duration_minutes: 1", "duration_minutes: 1\n  duration_seconds: 60",
                        "spec.duration_seconds: give duration_minutes or duration_seconds, not both"),
                Arguments.of("duration_minutes: 1", "warmup_seconds: 5",
                        "spec.duration_minutes: is required (or duration_seconds)"),
                Arguments.of("duration_minutes: 1", "duration_minutes: 1\n  warmup_seconds: 60",
                        "spec.warmup_seconds: must be shorter than the run (60 s)"),
                Arguments.of("apiVersion: performance.lab/v1", "apiVersion: performance.lab/v2",
                        "apiVersion: must be performance.lab/v1 (got 'performance.lab/v2')"),
                Arguments.of("kind: PipelineBenchmark", "kind: Benchmark",
                        "kind: must be PipelineBenchmark (got 'Benchmark')"),
                Arguments.of("name: baseline", "name: Base_Line",
                        "metadata.name: must be a DNS label"),
                Arguments.of("- name: market", "- name: sensors",
                        "spec.data_sources[1].name: duplicates another data source's name 'sensors'"),
                Arguments.of("pattern: steady", "pattern: sawtooth",
                        "spec.data_sources[0].pattern: unknown pattern 'sawtooth' (expected one of steady, periodic, bursty, chaos, replay)"),
                Arguments.of("amplitude: 1000", "amplitude: 3000",
                        "spec.data_sources[2].pattern.amplitude: must not exceed generation_rate (2000), or the rate would go negative (got 3000)"),
                Arguments.of("burst_multiplier: 4,", "burst_multiplier: 4, burst_rate: 100,",
                        "spec.data_sources[1].pattern.burst_multiplier: give burst_rate or burst_multiplier, not both"),
                Arguments.of("pattern: steady", "pattern: {type: chaos, min_rate: 50, max_rate: 10}",
                        "spec.data_sources[0].pattern.min_rate: must not exceed max_rate (50 > 10)"),
                Arguments.of("probability: 0.1", "probability: 1.5",
                        "spec.data_sources[2].spikes.probability: must be between 0 and 1 (got 1.5)"),
                Arguments.of("{type: zipf, cardinality: 500, exponent: 1.2}", "{type: pareto}",
                        "spec.data_sources[1].key_distribution.type: unknown key distribution 'pareto' (expected uniform, zipf or sequential)"),
                Arguments.of("{type: zipf, cardinality: 500, exponent: 1.2}", "{type: uniform, exponent: 2}",
                        "spec.data_sources[1].key_distribution.exponent: applies only to type zipf"),
                Arguments.of("config: {strategy: copying}", "config: {strategy: telepathy}",
                        "spec.processing_stages[0].config.strategy: unknown strategy 'telepathy' (expected copying, zero-copy or generic)"),
                Arguments.of("config: {strategy: copying}", "config: {strategy: copying, enable_zero_copy: true}",
                        "spec.processing_stages[0].config.enable_zero_copy: give strategy or enable_zero_copy, not both"),
                Arguments.of("config: {strategy: copying}", "config: {strategy: copying, buffer: 10}",
                        "spec.processing_stages[0].config.buffer: unknown field"),
                Arguments.of("type: window,", "type: join,",
                        "spec.processing_stages[1].type: unknown stage type 'join' (expected one of decode, stream_processor, window, sink)"),
                Arguments.of("type: window, config: {window_seconds: 1}", "type: stream_processor, config: {batch_size: 100}",
                        "spec.processing_stages[1].type: only one stage may decode: decode and stream_processor both choose the decode strategy"),
                Arguments.of("type: decode, config: {strategy: copying}", "type: stream_processor, config: {batch_size: 0}",
                        "spec.processing_stages[0].config.batch_size: must be between 1 and 100000 (got 0)"),
                Arguments.of("type: decode, config: {strategy: copying}", "type: stream_processor, config: {batch: 10}",
                        "spec.processing_stages[0].config.batch: unknown field (expected one of strategy, enable_zero_copy, batch_size)"),
                Arguments.of("type: decode, config: {strategy: copying}", "type: decode, config: {batch_size: 10}",
                        "spec.processing_stages[0].config.batch_size: unknown field"),
                Arguments.of("generation_rate: 10000", "generation_rate: 6000000",
                        "spec.data_sources[0].generation_rate: concurrent_streams x generation_rate, the rate the source offers, must be at most 10000000 events/s (got 2 x 6000000)"),
                Arguments.of("type: window,", "type: decode,",
                        "spec.processing_stages[1].type: only one stage may decode"),
                Arguments.of("config: {window_seconds: 1}", "config: {window_seconds: 0}",
                        "spec.processing_stages[1].config.window_seconds: must be between 1 and 60 (got 0)"),
                Arguments.of("max_p99_latency_ms: 50", "max_p99_latency_ms: -1",
                        "spec.performance_targets.max_p99_latency_ms: must be greater than 0 (got -1)"),
                Arguments.of("max_cpu_cores: 1.5", "max_cpu_cores: 1.5\n    max_gpu: 1",
                        "spec.performance_targets.max_gpu: unknown field"),
                Arguments.of("comparison_baseline: main", "comparison_baseline: 7",
                        "spec.comparison_baseline: must be a string (got 7)"),
                Arguments.of("pattern: steady", "pattern: steady\n      schema_version: 3",
                        "spec.data_sources[0].schema_version: must be between 1 and 2 (got 3)"),
                Arguments.of("pattern: steady", "pattern: steady\n      framing: protobuf",
                        "spec.data_sources[0].framing: unknown framing 'protobuf' (expected auto, single_object or registry)"));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("invalidSpecs")
    void rejectsWithAMessageNamingTheField(String find, String replace, String expected) {
        assertThat(VALID).contains(find);
        String yaml = VALID.replaceFirst(java.util.regex.Pattern.quote(find), java.util.regex.Matcher.quoteReplacement(replace));
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> assertThat(((InvalidSpecException) e).first().toString()).startsWith(expected));
    }

    @Test
    void rejectsMissingSourcesAndSpec() {
        assertThatThrownBy(() -> parse("apiVersion: performance.lab/v1\nkind: PipelineBenchmark\nmetadata: {name: x}\n"))
                .hasMessage("spec: is required");
        assertThatThrownBy(() -> parse("apiVersion: performance.lab/v1\nkind: PipelineBenchmark\nmetadata: {name: x}\nspec: {duration_seconds: 5, data_sources: []}\n"))
                .hasMessage("spec.data_sources: must list at least one data source");
        assertThatThrownBy(() -> parse("apiVersion: performance.lab/v1\nkind: PipelineBenchmark\nmetadata: {name: x}\nspec: {duration_seconds: 5}\n"))
                .hasMessage("spec.data_sources: is required: list at least one data source");
    }

    @Test
    void rejectsBrokenYamlWithItsPosition() {
        assertThatThrownBy(() -> parse("apiVersion: [unclosed\n"))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageStartingWith("not valid YAML at line");
        assertThatThrownBy(() -> parse(""))
                .hasMessage("the document is empty");
        assertThatThrownBy(() -> parse("- a\n- b\n"))
                .hasMessage("must be a mapping with apiVersion, kind, metadata and spec");
    }

    @Test
    void rejectsDuplicateKeys() {
        assertThatThrownBy(() -> parse(VALID.replace("concurrent_streams: 2", "concurrent_streams: 2\n  concurrent_streams: 3")))
                .hasMessageContaining("Duplicate field 'concurrent_streams'");
    }

    @Test
    void reportsEveryProblemButNamesTheFirst() {
        String yaml = VALID.replace("generation_rate: 10000", "generation_rate: -1").replace("data_type: log_event", "data_type: nope");
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(InvalidSpecException.class)
                .satisfies(e -> {
                    InvalidSpecException invalid = (InvalidSpecException) e;
                    assertThat(invalid.problems()).hasSize(2);
                    assertThat(invalid.getMessage()).endsWith("(and 1 more)");
                });
    }

    @Test
    void acceptsKubernetesMetadataAndStatus() throws Exception {
        BenchmarkSpec spec = parse(VALID.replace("  name: baseline", "  name: baseline\n  namespace: lab\n  labels: {team: perf}")
                + "status:\n  phase: Running\n");
        assertThat(spec.name()).isEqualTo("baseline");
    }
}
