package lab.performance.observatory.operator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.List;
import java.util.Map;

/**
 * The CRD's schema for {@code spec}: the benchmark spec format (snake_case, as in the YAML files),
 * with what a schema can enforce (required fields, enums, minimums). Everything else the shared
 * validator in {@code core/} checks; a spec it rejects gets phase Invalid.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineBenchmarkSpec {

    @JsonProperty("duration_seconds")
    @JsonPropertyDescription("Length of the run including warm-up, seconds (or duration_minutes).")
    @Min(1)
    public Double durationSeconds;

    @JsonProperty("duration_minutes")
    @Min(0.01)
    public Double durationMinutes;

    @JsonProperty("warmup_seconds")
    @JsonPropertyDescription("Excluded from results; shorter than the run.")
    @Min(0)
    public Double warmupSeconds;

    @JsonProperty("concurrent_streams")
    @JsonPropertyDescription("Concurrent streams of each data source: a source offers concurrent_streams x generation_rate; "
            + "each input topic gets at least one partition per stream.")
    @Min(1)
    @Max(256)
    public Integer concurrentStreams;

    public Long seed;

    @Required
    @Size(min = 1)
    @JsonProperty("data_sources")
    public List<DataSource> dataSources;

    @JsonProperty("processing_stages")
    public List<ProcessingStage> processingStages;

    public Producer producer;

    @JsonProperty("performance_targets")
    public Targets performanceTargets;

    @JsonProperty("comparison_baseline")
    public String comparisonBaseline;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class DataSource {
        @Required
        @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
        public String name;

        @Required
        @JsonProperty("data_type")
        public DataType dataType;

        @JsonProperty("generation_rate")
        @JsonPropertyDescription("Base rate of one stream, events per second (the source offers concurrent_streams times it); "
                + "required except on a replay source, whose recording sets the rate.")
        @Min(value = 0, inclusive = false)
        public Double generationRate;

        public RatePattern pattern;

        public Spikes spikes;

        @JsonProperty("size_distribution")
        public SizeDistribution sizeDistribution;

        @JsonProperty("key_distribution")
        public KeyDistribution keyDistribution;

        @JsonProperty("schema_version")
        @Min(1)
        public Integer schemaVersion;

        public Framing framing;

        @JsonProperty("change_mix")
        @JsonPropertyDescription("cdc: the shares of inserts, updates and deletes (adding up to 1).")
        public ChangeMix changeMix;

        @JsonProperty("corrupt_fraction")
        @JsonPropertyDescription("The share of the stream sent as corrupt records, every class in turn (not cdc); each must be dead-lettered.")
        @Min(0)
        @Max(0.5)
        public Double corruptFraction;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ChangeMix {
        @Min(0)
        @Max(1)
        public Double insert;
        @Min(0)
        @Max(1)
        public Double update;
        @Min(0)
        @Max(1)
        public Double delete;
    }

    public enum DataType {
        @JsonProperty("market_data") MARKET_DATA,
        @JsonProperty("iot_sensor") IOT_SENSOR,
        @JsonProperty("log_event") LOG_EVENT,
        @JsonProperty("cdc") CDC
    }

    public enum Framing {
        @JsonProperty("auto") AUTO,
        @JsonProperty("single_object") SINGLE_OBJECT,
        @JsonProperty("registry") REGISTRY
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class RatePattern {
        @Required
        public PatternType type;
        @JsonProperty("period_seconds")
        @Min(value = 0, inclusive = false)
        public Double periodSeconds;
        @Min(0)
        public Double amplitude;
        @JsonProperty("burst_rate")
        @Min(value = 0, inclusive = false)
        public Double burstRate;
        @JsonProperty("burst_multiplier")
        @Min(value = 0, inclusive = false)
        public Double burstMultiplier;
        @JsonProperty("burst_seconds")
        @Min(value = 0, inclusive = false)
        public Double burstSeconds;
        @JsonProperty("quiet_seconds")
        @Min(value = 0, inclusive = false)
        public Double quietSeconds;
        @JsonProperty("min_rate")
        @Min(0)
        public Double minRate;
        @JsonProperty("max_rate")
        @Min(value = 0, inclusive = false)
        public Double maxRate;
        @JsonProperty("change_interval_seconds")
        @Min(value = 0, inclusive = false)
        public Double changeIntervalSeconds;
        public Long seed;
        @JsonPropertyDescription("replay: the load profile, relative to the operator's profiles directory (docs/load-profiles.md).")
        public String profile;
        @JsonPropertyDescription("replay: divides every recorded inter-arrival time (2: twice as fast).")
        @Min(value = 0, inclusive = false)
        public Double speed;
        @JsonPropertyDescription("replay: repeat the recording for the whole run; otherwise the source ends with it.")
        public Boolean loop;
        @JsonPropertyDescription("replay: one recorded stream; default all of them, merged.")
        public String stream;
        @JsonPropertyDescription("replay: events sent per recorded event.")
        @Min(value = 0, inclusive = false)
        public Double scale;
        @JsonPropertyDescription("replay: what the profile held when the run was planned; the operator fills it in from the file.")
        public Recorded recorded;
    }

    /** What a replay source's profile held (written by the front end that read the file). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Recorded {
        @Min(0)
        public Long events;
        @Min(value = 0, inclusive = false)
        public Double seconds;
        @JsonProperty("mean_rate")
        @Min(0)
        public Double meanRate;
        @JsonProperty("peak_rate")
        @Min(0)
        public Double peakRate;
        @JsonProperty("min_bytes")
        @Min(0)
        public Integer minBytes;
        @JsonProperty("max_bytes")
        @Min(0)
        public Integer maxBytes;
        @JsonProperty("mean_bytes")
        @Min(0)
        public Double meanBytes;
        @JsonProperty("distinct_keys")
        @Min(0)
        public Integer distinctKeys;
        @Pattern("^[0-9a-f]{64}$")
        public String sha256;
    }

    public enum PatternType {
        @JsonProperty("steady") STEADY,
        @JsonProperty("periodic") PERIODIC,
        @JsonProperty("bursty") BURSTY,
        @JsonProperty("chaos") CHAOS,
        @JsonProperty("replay") REPLAY
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Spikes {
        @Required
        @Min(0)
        @Max(1)
        public Double probability;
        @Required
        @Min(value = 0, inclusive = false)
        public Double multiplier;
        @JsonProperty("interval_seconds")
        @Min(value = 0, inclusive = false)
        public Double intervalSeconds;
        public Long seed;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class SizeDistribution {
        @Required
        @JsonProperty("min_bytes")
        @Min(1)
        public Integer minBytes;
        @Required
        @JsonProperty("max_bytes")
        @Min(1)
        @Max(1048576)
        public Integer maxBytes;
        public Shape distribution;
    }

    public enum Shape {
        @JsonProperty("uniform") UNIFORM,
        @JsonProperty("normal") NORMAL
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class KeyDistribution {
        @Required
        public KeyKind type;
        @Min(1)
        public Long cardinality;
        @Min(value = 0, inclusive = false)
        public Double exponent;
    }

    public enum KeyKind {
        @JsonProperty("uniform") UNIFORM,
        @JsonProperty("zipf") ZIPF,
        @JsonProperty("sequential") SEQUENTIAL
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class ProcessingStage {
        @Required
        public String name;
        @Required
        public StageType type;
        public StageConfig config;
    }

    public enum StageType {
        @JsonProperty("decode") DECODE,
        @JsonProperty("stream_processor") STREAM_PROCESSOR,
        @JsonProperty("window") WINDOW,
        @JsonProperty("sink") SINK
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class StageConfig {
        public Strategy strategy;
        @JsonProperty("enable_zero_copy")
        public Boolean enableZeroCopy;
        @JsonProperty("window_seconds")
        @Min(1)
        @Max(60)
        public Integer windowSeconds;
        @JsonProperty("batch_size")
        @JsonPropertyDescription("stream_processor: records the topology's consumer hands the processor per poll (max.poll.records).")
        @Min(1)
        @Max(100000)
        public Integer batchSize;
    }

    public enum Strategy {
        @JsonProperty("copying") COPYING,
        @JsonProperty("zero-copy") ZERO_COPY,
        @JsonProperty("generic") GENERIC
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Producer {
        @JsonPropertyDescription("0, 1 or all.")
        public io.fabric8.kubernetes.api.model.IntOrString acks;
        @JsonProperty("linger_ms")
        @Min(0)
        public Integer lingerMs;
        @JsonProperty("batch_size")
        @Min(0)
        public Integer batchSize;
        @JsonProperty("compression_type")
        public String compressionType;
        public Map<String, String> properties;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public static class Targets {
        @JsonProperty("min_throughput_eps")
        @Min(0)
        public Double minThroughputEps;
        @JsonProperty("max_p99_latency_ms")
        @Min(0)
        public Double maxP99LatencyMs;
        @JsonProperty("max_memory_mb")
        @Min(0)
        public Double maxMemoryMb;
        @JsonProperty("max_cpu_cores")
        @Min(0)
        public Double maxCpuCores;
    }
}
