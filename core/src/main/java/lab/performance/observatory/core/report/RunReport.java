package lab.performance.observatory.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.SortedMap;
import lab.performance.observatory.core.plan.Plan;

/**
 * The run report (docs/architecture.md, "Contracts"): {@code report.json}, the stored report and
 * the API all serialise this record (snake_case field names), including the plan the run was laid
 * out by: every topic with its partitions and replicas, the topology replicas and threads, the
 * generators, each with its reason. Rebuilding it from the same stored facts gives
 * the same document.
 */
public record RunReport(
        int reportVersion,
        String runId,
        String benchmark,
        String status,
        Timing timing,
        EventCounts events,
        Throughput throughput,
        Latency latencyMs,
        Latency warmupLatencyMs,
        List<DistributionPoint> latencyDistributionMs,
        SortedMap<String, TypeReport> byType,
        SortedMap<String, ComponentResources> resources,
        @JsonInclude(JsonInclude.Include.NON_NULL) Broker broker,
        Processing processing,
        List<HotMethod> hotMethods,
        SortedMap<String, String> artifacts,
        Targets targets,
        List<TimelinePoint> timeline,
        SortedMap<String, List<ResourcePoint>> resourceTimeline,
        SortedMap<String, String> environment,
        JsonNode spec,
        @JsonInclude(JsonInclude.Include.NON_NULL) Plan plan,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> notes,
        Audit audit,
        @JsonInclude(JsonInclude.Include.NON_NULL) SteadyState steadyState,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Bottleneck> bottlenecks,
        @JsonInclude(JsonInclude.Include.NON_NULL) CpuCounters cpuCounters,
        @JsonInclude(JsonInclude.Include.NON_NULL) Ceiling ceiling) {

    /**
     * 3: the applied plan. 5: notes (what a reader must know to read the figures, e.g. a replay that
     * ended early). 6: the audit. 8: steady state. 9: bottlenecks, CPU counters, ceiling.
     */
    public static final int VERSION = 9;

    /**
     * Where the run reached steady state ({@link SteadyStateDetection}), in seconds since generation
     * started: {@code detectedAtSeconds} the later of the per-window p99's ({@code latencyAtSeconds})
     * and, for a steady offered rate, the per-window throughput's ({@code throughputAtSeconds}); null
     * when a series did not settle. {@code warning}: the measured interval starts before it, or it was
     * not found.
     */
    public record SteadyState(String method, Double detectedAtSeconds, Double latencyAtSeconds, Double throughputAtSeconds,
                              double measurementStartSeconds, boolean settled, String warning) {
    }

    /**
     * The auditor's independent check of the counts (docs/reliability.md, "The auditor"): {@code verdict}
     * is agrees, disagrees or not-audited; {@code duplicates} are events counted more than once in the
     * stored results (processed + dead-lettered beyond what the topics hold); {@code deadLetterRepeats}
     * are dead-letter records forwarded again for an origin already there (recognised, not counted).
     */
    public record Audit(String verdict, SortedMap<String, AuditLine> byType, List<String> discrepancies, long duplicates,
                        long deadLetterRepeats) {
    }

    /** One event type: what Kafka holds beside what the run counted. */
    public record AuditLine(long inTopics, long generated, long processed, long deadLettered, long deadLetterRecords,
                            long deadLetterRepeats) {
    }

    public record Timing(
            String generationStartedAt,
            String generationEndedAt,
            String endedAt,
            double durationSeconds,
            double warmupSeconds,
            double measuredSeconds,
            boolean drainCompleted,
            double drainSeconds) {
    }

    /**
     * {@code generated} counts what the broker acknowledged (for a CDC source: the changes committed
     * to PostgreSQL, each of which must reach the topic); {@code lost} = generated − processed −
     * dead-lettered, of which {@code undrained} were still waiting in the topics when draining stopped.
     * {@code corruptSent}: records of the sources' corrupt mix among the sent, each of which must be
     * among the dead-lettered (docs/reliability.md).
     */
    public record EventCounts(
            long generated,
            long processed,
            long deadLettered,
            long lost,
            long sent,
            long sendFailed,
            long undrained,
            long corruptSent,
            Long duplicates) {

        public EventCounts(long generated, long processed, long deadLettered, long lost, long sent, long sendFailed, long undrained) {
            this(generated, processed, deadLettered, lost, sent, sendFailed, undrained, 0);
        }

        /** {@code duplicates} unknown (not audited). */
        public EventCounts(long generated, long processed, long deadLettered, long lost, long sent, long sendFailed, long undrained,
                           long corruptSent) {
            this(generated, processed, deadLettered, lost, sent, sendFailed, undrained, corruptSent, null);
        }

        /** With the audit's count of events counted more than once; null when the run was not audited. */
        public EventCounts withDuplicates(Long counted) {
            return new EventCounts(generated, processed, deadLettered, lost, sent, sendFailed, undrained, corruptSent, counted);
        }
    }

    public record Throughput(double sustainedEps, double peakEps, double bytesPerSecond) {
    }

    /**
     * The three latencies (docs/architecture.md, "Measurement"): {@code schedule_slip} = actual send − intended send,
     * {@code publish} = broker acknowledgement − actual send, {@code end_to_end} = processed −
     * intended send (so a stalled pipeline cannot hide its backlog: coordinated-omission correct);
     * for CDC sources also {@code commit_to_kafka} = broker acknowledgement of the change − its
     * transaction's commit (count 0 when the run has none).
     */
    public record Latency(Percentiles scheduleSlip, Percentiles publish, Percentiles endToEnd, Percentiles commitToKafka) {
    }

    /** Milliseconds, microsecond resolution; {@code count} is the number of events measured. */
    public record Percentiles(long count, double p50, double p90, double p95, double p99, double p999, double max) {
    }

    public record TypeReport(EventCounts events, Throughput throughput, Latency latencyMs) {
    }

    /**
     * One component over the measured interval: CPU cores used, resident memory (peak and mean),
     * the most threads seen, and for JVMs with a flight recording their garbage collection and
     * allocation ({@code jvm} is absent for PostgreSQL and for JVMs without a recording), and its
     * scheduling ({@code scheduling}: context switches and run-queue waits, absent where not measured).
     */
    public record ComponentResources(double cpuCores, double peakRssMb, double meanRssMb, int peakThreads,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) JvmActivity jvm,
                                     @JsonInclude(JsonInclude.Include.NON_NULL) Scheduling scheduling) {

        /** Scheduling not measured (Kubernetes' metrics API, reports before version 9). */
        public ComponentResources(double cpuCores, double peakRssMb, double meanRssMb, int peakThreads, JvmActivity jvm) {
            this(cpuCores, peakRssMb, meanRssMb, peakThreads, jvm, null);
        }
    }

    /**
     * How the scheduler treated a component's threads over the measured interval, from /proc, per
     * second: context switches, voluntary (a thread blocked: I/O, a lock, a sleep) and involuntary
     * (the scheduler took its core: its slice ended, or a woken thread preempted it), and the
     * milliseconds its threads spent runnable but waiting for a core (summed over threads).
     */
    public record Scheduling(double voluntarySwitchesPerSecond, double involuntarySwitchesPerSecond, double runQueueMsPerSecond) {
    }

    /** Garbage collection pauses and the allocation rate over the measured interval. */
    public record JvmActivity(long gcCount, double gcPauseTotalMs, double gcPauseMaxMs, double allocationMbPerSecond) {
    }

    /**
     * The broker's own view over the measured interval, from its metrics: bytes and messages in and
     * out per second, and request latency (mean over the interval; p99 as the broker's recent
     * reservoir had it at the end of generation).
     */
    public record Broker(double bytesInPerSecond, double bytesOutPerSecond, double messagesInPerSecond,
                         double produceRequestMeanMs, double produceRequestP99Ms,
                         double fetchRequestMeanMs, double fetchRequestP99Ms) {
    }

    /**
     * How the topology processed: {@code copied_bytes} are the payload bytes the decoder copied into
     * what it materialised (strings, bytes, collections; measured per event, docs/measurement.md,
     * "Copies"), {@code zero_copy_ratio} = payload bytes never copied by the decoder ÷ payload bytes
     * received (payload: the Avro body, framing headers excluded); {@code consumer_copied_bytes} the
     * values of the processed records Kafka's consumer copied out of its fetch buffers into the {@code byte[]} Kafka
     * Streams hands on (every strategy pays it, so a ratio of 1.00 is not "no copy anywhere");
     * fallbacks are events a zero-copy decode handed to the copying path; CPU per event is the
     * topology's CPU time over the measured interval divided by the events processed, allocation per
     * event its allocation rate (from its flight recording; null without one) over the same, beside
     * the mean record value size; the processing guarantee and replays the sink skipped.
     */
    public record Processing(String strategy, double zeroCopyRatio, long receivedBytes, long copiedBytes,
                             long decodeFallbacks, double topologyCpuUsPerEvent, String processingGuarantee, long replaysSkipped,
                             Long consumerCopiedBytes, Double allocationBytesPerEvent, Double recordBytesPerEvent) {

        /** Before version 9: no consumer copy, allocation or record size. */
        public Processing(String strategy, double zeroCopyRatio, long receivedBytes, long copiedBytes, long decodeFallbacks,
                          double topologyCpuUsPerEvent, String processingGuarantee, long replaysSkipped) {
            this(strategy, zeroCopyRatio, receivedBytes, copiedBytes, decodeFallbacks, topologyCpuUsPerEvent, processingGuarantee, replaysSkipped,
                    null, null, null);
        }
    }

    /**
     * A method where a component spent its time ({@code kind} cpu) or allocated ({@code alloc}) in
     * steady state: {@code self_percent} of samples had it on top, {@code total_percent} anywhere
     * on the stack; {@code samples} had it on top, of {@code interval_samples} in the interval, and
     * {@code self_low_percent}-{@code self_high_percent} is the 95 % Wilson interval of its self share
     * by those counts (null in profiles stored before they were recorded).
     */
    public record HotMethod(String component, String kind, String method, double selfPercent, double totalPercent, Long samples,
                            Long intervalSamples, Double selfLowPercent, Double selfHighPercent) {

        /** Without sample counts. */
        public HotMethod(String component, String kind, String method, double selfPercent, double totalPercent) {
            this(component, kind, method, selfPercent, totalPercent, null, null, null, null);
        }
    }

    public record Targets(boolean met, List<String> failures) {
    }

    /**
     * One processing-time window of the whole pipeline, for charts and for per-window statistics:
     * {@code phase} is warmup, measured or drain. {@code lagRecords} and {@code lagSeconds} are the
     * topology's consumer lag at its worst in the window (records over every input partition, age of
     * the oldest unconsumed record), null when no lag sample fell in it.
     */
    public record TimelinePoint(String windowStart, String phase, long processed, long deadLettered,
                                WindowLatency endToEndMs, WindowLatency publishMs, WindowLatency scheduleSlipMs,
                                double topologyCpuCores, double topologyRssMb, Long lagRecords, Double lagSeconds) {
    }

    /** One point of the latency distribution curve (measured interval): each kind at {@code percentile}, ms. */
    public record DistributionPoint(double percentile, double endToEnd, double publish, double scheduleSlip) {
    }

    /** One resource sample of a component: CPU cores used since the previous sample, RSS and threads now. */
    public record ResourcePoint(String at, double cpuCores, double rssMb, int threads) {
    }

    /**
     * What limited the run, by one rule of {@link Bottlenecks} ({@code rule}), in which component, what was
     * seen ({@code finding}), what to try, and the figures it rests on ({@code evidence}); null in
     * reports stored before version 9.
     */
    public record Bottleneck(String rule, String component, String finding, String recommendation, SortedMap<String, Double> evidence) {
    }

    /**
     * Hardware counters over the measured interval from {@code perf stat} (docs/measurement.md, "CPU
     * counters"): {@code available} false with the {@code reason} when the machine cannot count them
     * (then no figure is given: absent, never zero); else per component instructions per cycle and
     * cache misses per cache reference, with the counts they come from (null: that counter absent).
     */
    public record CpuCounters(boolean available, String reason, SortedMap<String, ComponentCounters> byComponent) {
    }

    /**
     * What the same stack did without the pipeline, and the pipeline's figures over it
     * (docs/measurement.md, "Ceiling"); null ratios: a side had nothing to divide.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Ceiling(List<CeilingProbe> probes, Double rawP99Ms, Double passThroughP99Ms, Double passThroughCpuUsPerEvent,
                          Ratio endToEndP99VsRaw, Ratio endToEndP99VsPassThrough, Ratio cpuPerEventVsPassThrough,
                          Double pipelineMaxEps, Double passThroughMaxEps, Double maxRateVsPassThrough) {
    }

    /** A ratio over alternated repeats: its mean, lowest and highest, and of how many. */
    public record Ratio(double mean, double min, double max, int repeats) {
    }

    public record ComponentCounters(Double instructions, Double cycles, Double instructionsPerCycle, Double cacheReferences,
                                    Double cacheMisses, Double cacheMissPercent, Double instructionsPerEvent) {
    }

    /** Percentiles of one window in milliseconds; {@code count} 0 means no event in that window. */
    public record WindowLatency(long count, double p50, double p99, double p999) {
    }
}
