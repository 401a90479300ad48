package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import lab.performance.observatory.core.profile.PerfStat;
import lab.performance.observatory.core.report.CpuCounterReading;
import lab.performance.observatory.core.report.RunFacts;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.observe.LagExporter;
import lab.performance.observatory.observe.LagSampler;
import lab.performance.observatory.process.PerfCounters;
import lab.performance.observatory.process.ResourceSampler;
import lab.performance.observatory.store.RunStore;

/**
 * What a local run measures besides what its components record themselves: CPU, memory and threads
 * of every process from /proc, the broker's own metrics over JMX, the topology's exact consumer lag
 * (through the lag exporter Prometheus scrapes), flight recordings analysed into hot methods, GC,
 * allocation and flamegraphs of the measured interval, and perf stat's CPU counters where the machine has them.
 */
final class LocalMeasurements implements AutoCloseable {

    private final Infrastructure infrastructure;
    private final Path profiles;
    private final Console console;
    private final NanoClock clock;
    private final ResourceSampler sampler;
    private BrokerMetricsSampler broker;
    private LagExporter lag;
    private LagSampler lagSampler;
    private boolean closed;
    /** Why no CPU counters are read (null: they are, for every process watched); only with recordings. */
    private final String noCounters;
    private final java.util.Map<String, PerfCounters> counters = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param profiles where flight recordings go; null records none */
    LocalMeasurements(Infrastructure infrastructure, Path profiles, Console console, NanoClock clock) {
        this.infrastructure = infrastructure;
        this.profiles = profiles;
        this.console = console;
        this.clock = clock;
        this.sampler = new ResourceSampler(clock, Duration.ofSeconds(1));
        this.noCounters = profiles == null ? null : PerfCounters.probe(PERF).orElse(null);
        infrastructure.embeddedProcesses().forEach(this::watch);
        infrastructure.embeddedPostgres().ifPresent(p -> watchTree("postgres", p));
    }

    static final String PERF = "perf";

    /**
     * Samples a process from /proc and, when the run is recorded and the machine has counters, counts it
     * with perf stat (a process watched again under a name replaces the old one: counters then cover the new one).
     */
    void watch(String component, ProcessHandle process) {
        sampler.watch(component, process);
        if (profiles == null || noCounters != null || closed) {
            return;
        }
        try {
            PerfCounters attached = PerfCounters.attach(PERF, process.pid(), profiles.resolve(component + ".perf.csv"),
                    Instant.ofEpochSecond(0, clock.epochNanos()));
            java.util.Optional.ofNullable(counters.put(component, attached)).ifPresent(PerfCounters::close);
        } catch (IOException e) {
            console.step("warning: no CPU counters for " + component + " (" + e.getMessage() + ")");
        }
    }

    /** Samples a process tree from /proc (PostgreSQL: no counters, perf would count the postmaster alone). */
    void watchTree(String component, ProcessHandle root) {
        sampler.watchTree(component, root);
    }

    /** Where a component's flight recording goes, or null when the run records none. */
    Path recording(String component) {
        return profiles == null ? null : profiles.resolve(component + ".jfr");
    }

    /** Starts sampling (the processes to watch are added as they start). */
    void start() {
        sampler.start();
        infrastructure.brokerJmx().ifPresent(jmx -> {
            try {
                broker = BrokerMetricsSampler.connect(jmx, clock);
                broker.start();
            } catch (IOException e) {
                console.step("warning: no broker metrics (JMX: " + e.getMessage() + ")");
            }
        });
    }

    /**
     * Starts the consumer-lag exporter for the topology's group (on a free loopback port) and
     * samples it once a second for the report; returns the exporter.
     */
    LagExporter startLag(String group) throws IOException {
        lag = LagExporter.start(infrastructure.bootstrapServers(), group::equals, "127.0.0.1", 0, clock);
        lagSampler = new LagSampler(lag, group, clock);
        lagSampler.start();
        return lag;
    }

    /** Takes the last samples, stores every measurement of the run, and analyses the recordings of {@code components}. */
    void collect(RunStore store, RunFacts facts, List<String> components) throws SQLException {
        sampler.sampleNow();
        if (broker != null) {
            broker.sampleNow();
        }
        if (lagSampler != null) {
            lagSampler.sampleNow();
        }
        close();
        store.resources().saveSamples(facts.runId(), sampler.samples());
        if (lagSampler != null) {
            if (lagSampler.lastError() != null) {
                console.step("warning: some consumer lag samples failed (" + lagSampler.lastError() + ")");
            }
            store.resources().saveLagSamples(facts.runId(), lagSampler.samples());
        }
        if (broker != null) {
            if (broker.lastError() != null) {
                console.step("warning: some broker metric samples failed (" + broker.lastError() + ")");
            }
            store.resources().saveBrokerSamples(facts.runId(), broker.samples());
        }
        for (String component : components) {
            analyse(store, component, facts);
        }
        saveCounters(store, facts);
    }

    /** Each counted component's perf stat sums over the measured interval, or the one reason there are none. */
    private void saveCounters(RunStore store, RunFacts facts) throws SQLException {
        if (profiles == null) {
            return;
        }
        if (noCounters != null) {
            store.resources().saveCpuCounters(facts.runId(), CpuCounterReading.unavailable(noCounters));
            return;
        }
        for (var e : counters.entrySet()) {
            try {
                PerfStat.Counts counts = e.getValue().read(facts.measurementStart(), facts.generationEndedAt());
                store.resources().saveCpuCounters(facts.runId(), new CpuCounterReading(e.getKey(), counts.sums(), counts.rows(),
                        counts.absent().isEmpty() ? null : "absent: " + counts.absent()));
            } catch (IOException ex) {
                console.step("warning: could not read the CPU counters of " + e.getKey() + ": " + ex.getMessage());
            }
        }
    }

    /** Hot methods, GC, allocation and flamegraphs of the measured interval from a component's recording. */
    private void analyse(RunStore store, String component, RunFacts facts) throws SQLException {
        Path recording = recording(component);
        if (recording == null) {
            return;
        }
        if (!Files.isRegularFile(recording)) {
            console.step("warning: " + component + " left no flight recording at " + recording);
            return;
        }
        try {
            store.resources().saveProfile(facts.runId(), FlightRecordings.analyse(component, recording, facts.measurementStart(),
                    facts.generationEndedAt()));
        } catch (IOException | RuntimeException e) {
            console.step("warning: could not analyse " + recording + ": " + e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sampler.close();
        counters.values().forEach(PerfCounters::close);
        if (broker != null) {
            broker.close();
        }
        if (lagSampler != null) {
            lagSampler.close();
        }
        if (lag != null) {
            lag.close();
        }
    }
}
