package lab.performance.observatory.core.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.PatternSpec;

/**
 * Turns a benchmark into a plan (docs/architecture.md, "Plans"): partitions from each source's peak rate and bytes
 * over a partition's capacity, replication bounded by the brokers there are, retention and segments
 * from the run's length, topology replicas from the peak rate over a replica's capacity — capped at
 * the partition count and rounded to a divisor of it so partitions spread evenly — and generator
 * parallelism. Pure; shared by {@code observatory plan} and the operator.
 */
public final class Planner {

    static final long HOUR_MS = 3_600_000L;
    static final long MIN_SEGMENT = 16L * 1024 * 1024;
    static final long MAX_SEGMENT = 1024L * 1024 * 1024;
    static final int SEGMENTS_PER_RETENTION = 10;

    private Planner() {
    }

    /**
     * @param topicPrefix topics are {@code <prefix>.<source>} and {@code <prefix>.dead-letter}
     */
    public static Plan plan(BenchmarkSpec spec, String topicPrefix, Cluster cluster, CapacityModel capacity) {
        int brokers = cluster.brokers();
        double headroom = capacity.headroom();
        long retention = retentionMs(spec);
        Planned rf = replication(brokers);
        Planned minIsr = minInSync(rf.value());
        Planned retentionPlan = new Planned(retention, String.format(Locale.ROOT,
                "twice the %d s run, at least an hour: a slow drain or a replay still finds its records", spec.duration().toSeconds()));

        List<TopicPlan> topics = new ArrayList<>();
        double peakTotal = 0;
        double baseTotal = 0; // offered: concurrent_streams x generation_rate per source
        long tasks = 1;
        for (DataSourceSpec source : spec.offeredSources()) {
            double peak = peakRate(source);
            peakTotal += peak;
            baseTotal += source.generationRate();
            double bytesPerSecond = peak * source.sizeDistribution().meanBytes();
            long byRate = (long) Math.ceil(peak * headroom / capacity.perPartitionEps());
            long byBytes = (long) Math.ceil(bytesPerSecond * headroom / capacity.perPartitionBytesPerSecond());
            long partitions = Math.max(spec.concurrentStreams(), Math.max(byRate, byBytes));
            String why;
            if (partitions == spec.concurrentStreams() && partitions >= Math.max(byRate, byBytes)) {
                why = String.format(Locale.ROOT, "one per stream (concurrent_streams %d); %,.0f events/s peak needs only %d",
                        spec.concurrentStreams(), peak, Math.max(byRate, byBytes));
            } else if (byRate >= byBytes) {
                why = String.format(Locale.ROOT, "peak %,.0f events/s x %.1f headroom / %,.0f per partition", peak, headroom,
                        capacity.perPartitionEps());
            } else {
                why = String.format(Locale.ROOT, "peak %.1f MB/s x %.1f headroom / %.1f MB/s per partition", bytesPerSecond / 1e6, headroom,
                        capacity.perPartitionBytesPerSecond() / 1e6);
            }
            tasks = Math.max(tasks, partitions);
            topics.add(new TopicPlan(topicPrefix + "." + source.name(), TopicPlan.INPUT, source.name(), new Planned(partitions, why), rf, minIsr,
                    retentionPlan, segment(bytesPerSecond / partitions, retention)));
        }
        topics.add(new TopicPlan(topicPrefix + ".dead-letter", TopicPlan.DEAD_LETTER, null,
                new Planned(1, "malformed records are rare; one partition keeps them in arrival order"), rf, minIsr, retentionPlan,
                new Planned(MIN_SEGMENT, "the smallest segment: dead letters are few")));

        long needed = (long) Math.ceil(peakTotal * headroom / capacity.perConsumerEps());
        long maxReplicas = Math.min(tasks, cluster.maxTopologyReplicas());
        long replicas = Math.min(maxReplicas, divisorAtLeast(tasks, needed));
        String replicaWhy = String.format(Locale.ROOT, "peak %,.0f events/s x %.1f headroom / %,.0f per replica = %d", peakTotal, headroom,
                capacity.perConsumerEps(), needed)
                + (replicas < needed && maxReplicas < tasks ? String.format(Locale.ROOT, ", capped at %d: a %s run has %d topology process(es)",
                maxReplicas, cluster.kind(), maxReplicas)
                : needed > tasks ? String.format(Locale.ROOT, ", capped at %d tasks (the most partitions of an input)", tasks)
                : replicas != needed ? String.format(Locale.ROOT, ", rounded up to %d, a divisor of %d tasks so each replica gets as many", replicas, tasks)
                : "");
        long neededAtBase = (long) Math.ceil(baseTotal * headroom / capacity.perConsumerEps());
        long min = Math.min(replicas, divisorAtLeast(tasks, neededAtBase));
        long generators = Math.max(1, (long) Math.ceil(peakTotal / capacity.perGeneratorEps()));
        long tasksPerReplica = (tasks + replicas - 1) / replicas;
        long cores = Math.max(1, (long) Math.floor(cluster.replicaCores()));
        long threads = Math.min(tasksPerReplica, cores);
        return new Plan(spec.name(), brokers, capacity.source(), peakTotal, topics,
                new Planned(replicas, replicaWhy),
                new Planned(min, String.format(Locale.ROOT, "base %,.0f events/s x %.1f headroom / %,.0f per replica, as a divisor of %d tasks",
                        baseTotal, headroom, capacity.perConsumerEps(), tasks)),
                new Planned(maxReplicas, maxReplicas < tasks
                        ? String.format(Locale.ROOT, "a %s run has %d topology process(es)", cluster.kind(), maxReplicas)
                        : "one replica per task at most: a replica without a partition idles"),
                new Planned(threads, String.format(Locale.ROOT, "one per task of a replica's share (%d of %d tasks), at most its %d core(s)",
                        tasksPerReplica, tasks, cores)),
                new Planned(generators, String.format(Locale.ROOT, "peak %,.0f events/s / %,.0f per generator", peakTotal, capacity.perGeneratorEps())));
    }

    /** The highest rate a source's pattern and spikes can reach. */
    static double peakRate(DataSourceSpec source) {
        double base = source.generationRate();
        PatternSpec pattern = source.pattern();
        double peak = base;
        if (pattern instanceof PatternSpec.Periodic p) {
            peak = base + p.amplitude();
        } else if (pattern instanceof PatternSpec.Bursty b) {
            peak = Math.max(base, b.burstRate());
        } else if (pattern instanceof PatternSpec.Chaos c) {
            peak = Math.max(c.minRate(), c.maxRate());
        } else if (pattern instanceof PatternSpec.Replay r) {
            peak = Math.max(base, r.peakRate());
        }
        double patternPeak = peak;
        return source.spikesIfAny().filter(s -> s.probability() > 0).map(s -> patternPeak * Math.max(1, s.multiplier())).orElse(patternPeak);
    }

    static Planned replication(int brokers) {
        long rf = Math.min(3, brokers);
        return new Planned(rf, brokers >= 3 ? "three copies survive a broker loss with a quorum to spare"
                : String.format(Locale.ROOT, "bounded by the cluster's %d broker(s)", brokers));
    }

    static Planned minInSync(long rf) {
        long isr = rf >= 3 ? 2 : 1;
        return new Planned(isr, rf >= 3 ? "acks=all survives one broker down" : "with fewer than three replicas a higher minimum would stop writes when one broker is down");
    }

    static long retentionMs(BenchmarkSpec spec) {
        return Math.max(HOUR_MS, 2 * spec.duration().toMillis());
    }

    static Planned segment(double bytesPerSecondPerPartition, long retentionMs) {
        double perRetention = bytesPerSecondPerPartition * retentionMs / 1000.0;
        long target = (long) (perRetention / SEGMENTS_PER_RETENTION);
        long bytes = Math.max(MIN_SEGMENT, Math.min(MAX_SEGMENT, target));
        return new Planned(bytes, String.format(Locale.ROOT, "about %d segments per partition over the retention (%.0f MB), within 16 MiB-1 GiB",
                SEGMENTS_PER_RETENTION, perRetention / 1e6));
    }

    /** The smallest divisor of {@code n} that is at least {@code wanted} (n itself when wanted exceeds it), at least 1. */
    static long divisorAtLeast(long n, long wanted) {
        for (long d = Math.max(1, wanted); d < n; d++) {
            if (n % d == 0) {
                return d;
            }
        }
        return n;
    }
}
