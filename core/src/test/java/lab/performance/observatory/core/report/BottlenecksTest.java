package lab.performance.observatory.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BottlenecksTest {

    /** The baseline run of a 2-core machine as measured: 12,000 events/s kept, 0.6 of 2 cores, p99 13.8 ms of which publish 4.2. */
    private static Bottlenecks.Facts quiet() {
        Map<String, RunReport.ComponentResources> r = new TreeMap<>();
        r.put("broker", new RunReport.ComponentResources(0.18, 445, 443, 105, null));
        r.put("generator", new RunReport.ComponentResources(0.24, 230, 223, 32, null));
        r.put("postgres", new RunReport.ComponentResources(0.03, 157, 141, 9, null));
        r.put("topology", new RunReport.ComponentResources(0.12, 284, 277, 45, new RunReport.JvmActivity(9, 35, 6.6, 31)));
        return new Bottlenecks.Facts(2, 40, 12_000, 11_999, 1, r, 13.8, 4.2, 1.2, 4.7, Collections.nCopies(40, 120L), List.of());
    }

    private static Bottlenecks.Facts with(Bottlenecks.Facts f, Map<String, RunReport.ComponentResources> resources) {
        return new Bottlenecks.Facts(f.machineCores(), f.measuredSeconds(), f.offeredEps(), f.sustainedEps(), f.streamThreads(), resources,
                f.endToEndP99Ms(), f.publishP99Ms(), f.scheduleSlipP99Ms(), f.brokerProduceP99Ms(), f.lagRecords(), f.hot());
    }

    private static Bottlenecks.Facts latency(double e2e, double publish, double slip, Double brokerP99) {
        Bottlenecks.Facts f = quiet();
        return new Bottlenecks.Facts(f.machineCores(), f.measuredSeconds(), f.offeredEps(), f.sustainedEps(), f.streamThreads(), f.resources(),
                e2e, publish, slip, brokerP99, f.lagRecords(), f.hot());
    }

    private static List<String> rules(Bottlenecks.Facts f) {
        return Bottlenecks.of(f).stream().map(RunReport.Bottleneck::rule).toList();
    }

    @Test
    void aRunThatKeptUpWithNothingDominatingHasNoClearLimit() {
        List<RunReport.Bottleneck> found = Bottlenecks.of(quiet());

        assertThat(found).hasSize(1);
        RunReport.Bottleneck b = found.get(0);
        assertThat(b.rule()).isEqualTo("no_clear_limit");
        assertThat(b.finding()).contains("12,000 events/s", "0.57 of 2 cores", "13.8 ms");
        assertThat(b.recommendation()).contains("--find-max");
        assertThat(b.evidence()).containsEntry("cpu_cores_used", 0.57).containsEntry("machine_cores", 2.0);
    }

    @Test
    void theMachinesCoresAllUsed() {
        Map<String, RunReport.ComponentResources> r = new TreeMap<>(quiet().resources());
        r.put("generator", new RunReport.ComponentResources(0.9, 230, 223, 32, null));
        r.put("broker", new RunReport.ComponentResources(0.8, 445, 443, 105, null));
        Bottlenecks.Facts busy = with(quiet(), r);

        RunReport.Bottleneck b = Bottlenecks.of(busy).get(0);
        assertThat(b.rule()).isEqualTo("machine_cpu");
        assertThat(b.finding()).contains("1.85 of its 2 cores (93 %)");
        assertThat(b.evidence()).containsEntry("generator_cpu_cores", 0.9).containsEntry("cpu_cores_used", 1.85);
        assertThat(rules(busy)).containsExactly("machine_cpu");
        // 1.55 of 2 is below 90 %
        r.put("broker", new RunReport.ComponentResources(0.5, 445, 443, 105, null));
        assertThat(rules(with(quiet(), r))).containsExactly("no_clear_limit");
    }

    @Test
    void waitingOnARunQueueIsContentionForCores() {
        Map<String, RunReport.ComponentResources> r = new TreeMap<>(quiet().resources());
        // 0.24 cores: 240 ms of CPU a second, and 90 ms runnable without a core
        r.put("generator", new RunReport.ComponentResources(0.24, 230, 223, 32, null, new RunReport.Scheduling(900, 400, 90)));
        List<RunReport.Bottleneck> found = Bottlenecks.of(with(quiet(), r));

        assertThat(found).extracting(RunReport.Bottleneck::rule).containsExactly("cpu_contention");
        assertThat(found.get(0).component()).isEqualTo("generator");
        assertThat(found.get(0).finding()).contains("waited for a core 90 ms a second, 38 % of the 240 ms they ran (400 preemptions a second)");
        assertThat(found.get(0).evidence()).containsEntry("run_queue_ms_per_second", 90.0).containsEntry("cpu_ms_per_second", 240.0);
        // many preemptions with little waiting are wake-ups on a busy core, not contention
        r.put("generator", new RunReport.ComponentResources(0.24, 230, 223, 32, null, new RunReport.Scheduling(900, 4000, 30)));
        assertThat(rules(with(quiet(), r))).containsExactly("no_clear_limit");
        // a nearly idle component waiting a large share of very little is no finding either
        r.put("generator", new RunReport.ComponentResources(0.02, 230, 223, 32, null, new RunReport.Scheduling(10, 50, 15)));
        assertThat(rules(with(quiet(), r))).containsExactly("no_clear_limit");
    }

    @Test
    void theTopologyAtItsStreamThreadsCores() {
        Map<String, RunReport.ComponentResources> r = new TreeMap<>(quiet().resources());
        r.put("topology", new RunReport.ComponentResources(0.9, 284, 277, 45, null));
        assertThat(rules(with(quiet(), r))).containsExactly("topology_threads");
        r.put("topology", new RunReport.ComponentResources(0.8, 284, 277, 45, null));
        assertThat(rules(with(quiet(), r))).containsExactly("no_clear_limit");
    }

    @Test
    void garbageCollectionsShareOfWallTime() {
        Map<String, RunReport.ComponentResources> r = new TreeMap<>(quiet().resources());
        // 2.4 s of pauses in 40 s measured: 6 %
        r.put("topology", new RunReport.ComponentResources(0.12, 284, 277, 45, new RunReport.JvmActivity(300, 2400, 40, 900)));
        List<RunReport.Bottleneck> found = Bottlenecks.of(with(quiet(), r));

        assertThat(found).extracting(RunReport.Bottleneck::rule).containsExactly("gc");
        assertThat(found.get(0).finding()).contains("paused 6.0 %", "300 pauses", "900.0 MB/s");
        assertThat(found.get(0).evidence()).containsEntry("gc_pause_share", 0.06);
    }

    @Test
    void scheduleSlipMeansTheGeneratorIsTheLimit() {
        List<RunReport.Bottleneck> found = Bottlenecks.of(latency(40, 4, 12, 1.0));
        assertThat(found).extracting(RunReport.Bottleneck::rule).containsExactly("generator_behind");
        assertThat(found.get(0).finding()).contains("12.0 ms late at p99", "30 %");
        // a small slip, even as a share, is not a finding
        assertThat(rules(latency(8, 1, 3, 1.0))).containsExactly("no_clear_limit");
    }

    @Test
    void publishLatencyNamesTheBrokerOrTheProducer() {
        RunReport.Bottleneck broker = Bottlenecks.of(latency(30, 20, 1, 15.0)).get(0);
        assertThat(broker.rule()).isEqualTo("publish");
        assertThat(broker.recommendation()).startsWith("the broker");
        assertThat(broker.evidence()).containsEntry("broker_produce_request_p99_ms", 15.0);

        RunReport.Bottleneck producer = Bottlenecks.of(latency(30, 20, 1, 2.0)).get(0);
        assertThat(producer.recommendation()).startsWith("the producer");
        RunReport.Bottleneck unmeasured = Bottlenecks.of(latency(30, 20, 1, null)).get(0);
        assertThat(unmeasured.evidence()).doesNotContainKey("broker_produce_request_p99_ms");
        assertThat(unmeasured.finding()).doesNotContain("broker's own");
    }

    @Test
    void growingLagOrALowerRateMeansTheTopologyFellBehind() {
        Bottlenecks.Facts q = quiet();
        List<Long> lag = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lag.add(i < 10 ? 500L : i < 20 ? 20_000L : 60_000L);
        }
        lag.set(3, null);
        Bottlenecks.Facts growing = new Bottlenecks.Facts(2, 40, 12_000, 11_900, 1, q.resources(), 13.8, 4.2, 1.2, 4.7, lag, List.of());
        RunReport.Bottleneck b = Bottlenecks.of(growing).get(0);
        assertThat(b.rule()).isEqualTo("topology_behind");
        assertThat(b.finding()).contains("grew from 500 to 60,000 records");

        Bottlenecks.Facts slower = new Bottlenecks.Facts(2, 40, 12_000, 10_000, 1, q.resources(), 13.8, 4.2, 1.2, 4.7, q.lagRecords(), List.of());
        assertThat(Bottlenecks.of(slower).get(0).finding()).contains("processed 10,000 of 12,000 events/s").doesNotContain("grew");
        // lag that stays under a second of the offered rate is not growth
        List<Long> small = new ArrayList<>(Collections.nCopies(10, 10L));
        small.addAll(Collections.nCopies(10, 5_000L));
        assertThat(rules(new Bottlenecks.Facts(2, 40, 12_000, 11_999, 1, q.resources(), 13.8, 4.2, 1.2, 4.7, small, List.of())))
                .containsExactly("no_clear_limit");
    }

    @Test
    void aHotFrameInAKnownLibraryOnlyWithEnoughSamples() {
        Bottlenecks.Facts q = quiet();
        RunReport.HotMethod sensors = new RunReport.HotMethod("topology", "cpu", "org.apache.kafka.common.metrics.Sensor.recordInternal",
                13.0, 20, 260L, 2000L, 11.6, 14.6);
        RunReport.HotMethod fewSamples = new RunReport.HotMethod("topology", "cpu", "org.apache.avro.io.BinaryDecoder.readInt",
                14.3, 20, 2L, 14L, 4.0, 39.9);
        RunReport.HotMethod ours = new RunReport.HotMethod("topology", "cpu", "lab.performance.observatory.topology.TaskWindows.input",
                30.0, 40, 600L, 2000L, 28.0, 32.0);
        Bottlenecks.Facts f = new Bottlenecks.Facts(2, 40, 12_000, 11_999, 1, q.resources(), 13.8, 4.2, 1.2, 4.7, q.lagRecords(),
                List.of(ours, sensors, fewSamples));
        List<RunReport.Bottleneck> found = Bottlenecks.of(f);

        assertThat(found).extracting(RunReport.Bottleneck::rule).containsExactly("hot_frame");
        assertThat(found.get(0).finding()).contains("Kafka client and Streams sensors", "13.0 %", "260 of 2000");
        assertThat(found.get(0).recommendation()).contains("metrics.recording.level");
    }

    @Test
    void severalLimitsAreAllNamedInRuleOrder() {
        Map<String, RunReport.ComponentResources> r = new TreeMap<>(quiet().resources());
        r.put("generator", new RunReport.ComponentResources(1.0, 230, 223, 32, null));
        r.put("topology", new RunReport.ComponentResources(0.9, 284, 277, 45, null));
        Bottlenecks.Facts f = new Bottlenecks.Facts(2, 40, 20_000, 15_000, 1, r, 300, 40, 200, 3.0, Collections.nCopies(40, 120L), List.of());

        assertThat(rules(f)).containsExactly("machine_cpu", "topology_threads", "generator_behind", "topology_behind");
        r.put("broker", new RunReport.ComponentResources(0.1, 445, 443, 105, null, new RunReport.Scheduling(100, 3000, 80)));
        Bottlenecks.Facts g = new Bottlenecks.Facts(2, 40, 20_000, 15_000, 1, r, 300, 40, 200, 3.0, Collections.nCopies(40, 120L), List.of());
        assertThat(rules(g)).containsExactly("machine_cpu", "cpu_contention", "topology_threads", "generator_behind", "topology_behind");
    }
}
