package lab.performance.observatory.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What limited a run and what to try, as rules over its measured facts (docs/measurement.md,
 * "Bottlenecks"): each finding names its rule, the component, what was seen, what to try and the
 * figures it rests on. No rule firing is a finding too ("no clear limit"). Pure.
 */
public final class Bottlenecks {

    /** All components together used at least this share of the machine's cores. */
    static final double MACHINE_BUSY = 0.90;
    /** The topology used at least this share of the cores its stream threads can use. */
    static final double THREADS_BUSY = 0.85;
    /** A JVM spent at least this share of the measured wall time in GC pauses. */
    static final double GC_SHARE = 0.05;
    /** A latency part must be at least this many ms at p99 to be a finding... */
    static final double PART_FLOOR_MS = 5;
    /** ...and at least this share of the end-to-end p99 (schedule slip; publish). */
    static final double SLIP_SHARE = 0.25;
    static final double PUBLISH_SHARE = 0.5;
    /** The topology fell behind: sustained below this share of the offered rate, or lag still growing. */
    static final double KEPT_UP = 0.97;
    /** Lag grows when the last third's median is this many times the first third's and above a second of the offered rate. */
    static final double LAG_GROWTH = 2;
    /** A component's threads waited runnable for a core at least this share of the time they ran. */
    static final double WAITED_SHARE = 0.25;
    /** ...and at least this many milliseconds a second (a nearly idle component waiting 1 ms is no finding). */
    static final double WAITED_FLOOR_MS = 20;
    /** A hot frame counts when its 95 % interval's low end is at least this share of the samples. */
    static final double HOT_SHARE_PERCENT = 10;

    private Bottlenecks() {
    }

    /**
     * The facts the rules read: the machine's cores, the offered and sustained rates, the stream threads,
     * each component's resources, the p99 of each latency, the broker's produce p99 (null: not measured),
     * the consumer lag in records per measured window (null entries: no sample) and the hot methods.
     */
    public record Facts(int machineCores, double measuredSeconds, double offeredEps, double sustainedEps, int streamThreads,
                        Map<String, RunReport.ComponentResources> resources, double endToEndP99Ms, double publishP99Ms,
                        double scheduleSlipP99Ms, Double brokerProduceP99Ms, List<Long> lagRecords, List<RunReport.HotMethod> hot) {
    }

    /** Known costs by the package or class a hot frame is in, and what to try about each. */
    static final List<String[]> KNOWN_FRAMES = List.of(
            new String[] {"org.apache.kafka.common.metrics.", "Kafka client and Streams sensors",
                    "metrics.recording.level=INFO (not DEBUG) and fewer per-record sensors; Streams records task and processor sensors per record"},
            new String[] {"org.apache.kafka.common.header.", "record headers", "fewer and shorter headers: Streams re-encodes every header key per record"},
            new String[] {"org.apache.kafka.common.compress.", "compression", "a cheaper compression.type (lz4 or none) or bigger batches"},
            new String[] {"org.apache.kafka.common.utils.Crc32C", "record batch checksums", "bigger batches (fewer, larger record batches to check)"},
            new String[] {"java.util.zip.CRC32C", "record batch checksums", "bigger batches (fewer, larger record batches to check)"},
            new String[] {"org.apache.avro.", "Avro's own decoding", "decode zero-copy (strategy: zero-copy) to read fields in place"},
            new String[] {"org.postgresql.", "the PostgreSQL sink", "bigger sink batches or longer windows: fewer rows per event"},
            new String[] {"java.lang.String.<init>", "String materialisation", "read strings as views (zero-copy) instead of decoding them"},
            new String[] {"java.lang.StringCoding.", "String materialisation", "read strings as views (zero-copy) instead of decoding them"},
            new String[] {"sun.nio.ch.", "socket I/O", "bigger fetch and produce batches (fetch.min.bytes, linger.ms): fewer system calls per event"},
            new String[] {"org.HdrHistogram.", "latency recording", "measure what recording costs (run --bare) before trusting tight CPU figures"});

    public static List<RunReport.Bottleneck> of(Facts f) {
        List<RunReport.Bottleneck> out = new ArrayList<>();
        machine(f, out);
        contention(f, out);
        topologyThreads(f, out);
        gc(f, out);
        generator(f, out);
        publish(f, out);
        behind(f, out);
        hotFrames(f, out);
        if (out.isEmpty()) {
            double cores = f.resources().values().stream().mapToDouble(RunReport.ComponentResources::cpuCores).sum();
            out.add(new RunReport.Bottleneck("no_clear_limit", "pipeline",
                    String.format(Locale.ROOT, "no clear limit: it kept up with %,.0f events/s, all components used %.2f of %d cores, "
                            + "and no part dominates the end-to-end p99 of %.1f ms", f.offeredEps(), cores, f.machineCores(), f.endToEndP99Ms()),
                    "run --find-max to find the rate where something does limit it",
                    evidence("offered_eps", f.offeredEps(), "sustained_eps", f.sustainedEps(), "cpu_cores_used", cores,
                            "machine_cores", f.machineCores(), "end_to_end_p99_ms", f.endToEndP99Ms())));
        }
        return out;
    }

    private static void machine(Facts f, List<RunReport.Bottleneck> out) {
        double cores = f.resources().values().stream().mapToDouble(RunReport.ComponentResources::cpuCores).sum();
        if (f.machineCores() > 0 && cores >= MACHINE_BUSY * f.machineCores()) {
            SortedMap<String, Double> e = evidence("cpu_cores_used", cores, "machine_cores", f.machineCores());
            f.resources().forEach((c, r) -> e.put(c + "_cpu_cores", r.cpuCores()));
            out.add(new RunReport.Bottleneck("machine_cpu", "machine", String.format(Locale.ROOT,
                    "the machine's CPU: the components used %.2f of its %d cores (%.0f %%), so each waited for the others",
                    cores, f.machineCores(), 100 * cores / f.machineCores()),
                    "give the broker, PostgreSQL, generator and topology their own cores (or machines) before reading one's limit from this run", e));
        }
    }

    /**
     * Time runnable on a run queue is the direct measure of waiting for a core; involuntary switches
     * alone are not (a thread woken on a busy core preempts the one there at any load).
     */
    private static void contention(Facts f, List<RunReport.Bottleneck> out) {
        f.resources().forEach((component, r) -> {
            RunReport.Scheduling s = r.scheduling();
            if (s == null || r.cpuCores() <= 0) {
                return;
            }
            double ranMsPerSecond = r.cpuCores() * 1000;
            if (s.runQueueMsPerSecond() >= WAITED_FLOOR_MS && s.runQueueMsPerSecond() >= WAITED_SHARE * ranMsPerSecond) {
                out.add(new RunReport.Bottleneck("cpu_contention", component, String.format(Locale.ROOT,
                        "CPU contention: %s's threads waited for a core %.0f ms a second, %.0f %% of the %.0f ms they ran (%,.0f preemptions a second)",
                        component, s.runQueueMsPerSecond(), 100 * s.runQueueMsPerSecond() / ranMsPerSecond, ranMsPerSecond,
                        s.involuntarySwitchesPerSecond()),
                        "give it cores of its own (taskset, cgroups, another machine), or fewer busy threads beside it; its latency includes that wait",
                        evidence("run_queue_ms_per_second", s.runQueueMsPerSecond(), "cpu_ms_per_second", ranMsPerSecond,
                                "involuntary_switches_per_second", s.involuntarySwitchesPerSecond(),
                                "voluntary_switches_per_second", s.voluntarySwitchesPerSecond())));
            }
        });
    }

    private static void topologyThreads(Facts f, List<RunReport.Bottleneck> out) {
        RunReport.ComponentResources t = f.resources().get(TargetEvaluator.TARGET_COMPONENT);
        int usable = Math.min(f.streamThreads(), Math.max(1, f.machineCores()));
        if (t != null && f.streamThreads() > 0 && t.cpuCores() >= THREADS_BUSY * usable) {
            out.add(new RunReport.Bottleneck("topology_threads", TargetEvaluator.TARGET_COMPONENT, String.format(Locale.ROOT,
                    "the topology's stream threads: it used %.2f cores with %d stream thread(s), each of which processes on one core",
                    t.cpuCores(), f.streamThreads()),
                    "more stream threads (concurrent_streams) and input partitions, if the machine has cores to spare; else less CPU per event",
                    evidence("topology_cpu_cores", t.cpuCores(), "stream_threads", f.streamThreads(), "machine_cores", f.machineCores())));
        }
    }

    private static void gc(Facts f, List<RunReport.Bottleneck> out) {
        if (f.measuredSeconds() <= 0) {
            return;
        }
        f.resources().forEach((component, r) -> {
            if (r.jvm() == null) {
                return;
            }
            double share = r.jvm().gcPauseTotalMs() / 1000 / f.measuredSeconds();
            if (share >= GC_SHARE) {
                out.add(new RunReport.Bottleneck("gc", component, String.format(Locale.ROOT,
                        "garbage collection: %s was paused %.1f %% of the measured time (%d pauses, longest %.1f ms) while allocating %.1f MB/s",
                        component, 100 * share, r.jvm().gcCount(), r.jvm().gcPauseMaxMs(), r.jvm().allocationMbPerSecond()),
                        "allocate less per event (the alloc hot methods show where), or give it a larger young generation",
                        evidence("gc_pause_share", share, "gc_pause_total_ms", r.jvm().gcPauseTotalMs(), "gc_pause_max_ms", r.jvm().gcPauseMaxMs(),
                                "allocation_mb_per_second", r.jvm().allocationMbPerSecond())));
            }
        });
    }

    private static void generator(Facts f, List<RunReport.Bottleneck> out) {
        if (f.scheduleSlipP99Ms() >= PART_FLOOR_MS && f.scheduleSlipP99Ms() >= SLIP_SHARE * f.endToEndP99Ms()) {
            out.add(new RunReport.Bottleneck("generator_behind", "generator", String.format(Locale.ROOT,
                    "the generator: its events left %.1f ms late at p99 (schedule slip), %.0f %% of the end-to-end p99 of %.1f ms",
                    f.scheduleSlipP99Ms(), 100 * f.scheduleSlipP99Ms() / f.endToEndP99Ms(), f.endToEndP99Ms()),
                    "the generator is part of what was measured: more generator parallelism, or a machine of its own, before blaming the pipeline",
                    evidence("schedule_slip_p99_ms", f.scheduleSlipP99Ms(), "end_to_end_p99_ms", f.endToEndP99Ms())));
        }
    }

    private static void publish(Facts f, List<RunReport.Bottleneck> out) {
        if (f.publishP99Ms() >= PART_FLOOR_MS && f.publishP99Ms() >= PUBLISH_SHARE * f.endToEndP99Ms()) {
            SortedMap<String, Double> e = evidence("publish_p99_ms", f.publishP99Ms(), "end_to_end_p99_ms", f.endToEndP99Ms());
            String broker = "";
            if (f.brokerProduceP99Ms() != null) {
                e.put("broker_produce_request_p99_ms", f.brokerProduceP99Ms());
                broker = String.format(Locale.ROOT, "; the broker's own produce requests took %.1f ms at p99", f.brokerProduceP99Ms());
            }
            boolean brokerSlow = f.brokerProduceP99Ms() != null && f.brokerProduceP99Ms() >= PUBLISH_SHARE * f.publishP99Ms();
            out.add(new RunReport.Bottleneck("publish", "broker", String.format(Locale.ROOT,
                    "publishing: acknowledgements took %.1f ms at p99, %.0f %% of the end-to-end p99 of %.1f ms%s",
                    f.publishP99Ms(), 100 * f.publishP99Ms() / f.endToEndP99Ms(), f.endToEndP99Ms(), broker),
                    brokerSlow ? "the broker: its request handling (CPU, disk flush, replication) is most of it; give it CPU or more partitions"
                            : "the producer: batching (linger.ms, batch.size) and acks make up the wait more than the broker does",
                    e));
        }
    }

    private static void behind(Facts f, List<RunReport.Bottleneck> out) {
        long[] lag = f.lagRecords().stream().filter(java.util.Objects::nonNull).mapToLong(Long::longValue).toArray();
        boolean growing = false;
        double first = 0;
        double last = 0;
        if (lag.length >= 6) {
            int third = lag.length / 3;
            first = median(Arrays.copyOfRange(lag, 0, third));
            last = median(Arrays.copyOfRange(lag, lag.length - third, lag.length));
            growing = last >= LAG_GROWTH * Math.max(first, 1) && last >= f.offeredEps();
        }
        boolean slower = f.offeredEps() > 0 && f.sustainedEps() < KEPT_UP * f.offeredEps();
        if (growing || slower) {
            out.add(new RunReport.Bottleneck("topology_behind", TargetEvaluator.TARGET_COMPONENT, String.format(Locale.ROOT,
                    "the topology fell behind: it processed %,.0f of %,.0f events/s offered%s", f.sustainedEps(), f.offeredEps(),
                    growing ? String.format(Locale.ROOT, ", and its consumer lag grew from %,.0f to %,.0f records (medians of the first and last third)",
                            first, last) : ""),
                    "the topology's hot methods say where its time goes; more stream threads and partitions if it has cores to spare",
                    evidence("offered_eps", f.offeredEps(), "sustained_eps", f.sustainedEps(), "lag_first_third_records", first,
                            "lag_last_third_records", last)));
        }
    }

    private static void hotFrames(Facts f, List<RunReport.Bottleneck> out) {
        java.util.Set<String> named = new java.util.HashSet<>();
        for (RunReport.HotMethod h : f.hot()) {
            if (!"cpu".equals(h.kind()) || h.selfLowPercent() == null || h.selfLowPercent() < HOT_SHARE_PERCENT) {
                continue;
            }
            for (String[] known : KNOWN_FRAMES) {
                if (h.method().startsWith(known[0]) && named.add(h.component() + " " + known[1])) {
                    out.add(new RunReport.Bottleneck("hot_frame", h.component(), String.format(Locale.ROOT,
                            "%s in %s: %s had %.1f %% of its CPU samples on top (95 %% interval %.1f-%.1f %%, %d of %d)", known[1], h.component(),
                            h.method(), h.selfPercent(), h.selfLowPercent(), h.selfHighPercent(), h.samples(), h.intervalSamples()),
                            known[2], evidence("self_percent", h.selfPercent(), "self_low_percent", h.selfLowPercent(),
                                    "samples", h.samples(), "interval_samples", h.intervalSamples())));
                }
            }
        }
    }

    private static double median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static SortedMap<String, Double> evidence(Object... pairs) {
        SortedMap<String, Double> e = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            e.put((String) pairs[i], ReportBuilder.round(((Number) pairs[i + 1]).doubleValue(), 4));
        }
        return e;
    }
}
