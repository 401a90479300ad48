package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import lab.performance.observatory.core.fault.Fault;
import lab.performance.observatory.core.fault.FaultAnalysis;
import lab.performance.observatory.core.fault.FaultPlan;
import lab.performance.observatory.process.ChildProcess;

/**
 * Injects one planned fault into a local run and heals it (docs/reliability.md, "Fault suite"): on a
 * thread of its own, {@code at} after generation starts, for {@code duration}. It records when it
 * acted on an injected clock; whatever it broke is mended when it is closed, even mid-fault.
 */
final class FaultInjector implements AutoCloseable {

    private final FaultPlan plan;
    private final Clock clock;
    private final Console console;
    private Infrastructure infrastructure;
    private LocalRunExecutor executor;
    private Path logs;
    private Thread thread;
    private volatile Instant injectedAt;
    private volatile Instant healedAt;
    private volatile boolean broken;
    private volatile String failure;
    private LocalKafka.Node target;

    FaultInjector(FaultPlan plan, Clock clock, Console console) {
        this.plan = plan;
        this.clock = clock;
        this.console = console;
    }

    FaultPlan plan() {
        return plan;
    }

    /** What the fault acts on; it is timed from the generators' start. */
    void attach(Infrastructure stack, LocalRunExecutor run, Path logDirectory) {
        this.infrastructure = stack;
        this.executor = run;
        this.logs = logDirectory;
        requireTarget();
        run.onGenerationStarted(this::start);
    }

    /** The component the fault needs is one this process runs, or the fault could not touch it. */
    private void requireTarget() {
        switch (plan.fault()) {
            case BROKER_RESTART, NETWORK_STALL -> infrastructure.kafka().orElseThrow(() -> CliException.badInput(
                    "--fault " + plan.fault().wireName() + " needs the embedded broker: leave out --bootstrap-servers"));
            case POSTGRES_RESTART -> infrastructure.ownPostgres().orElseThrow(() -> CliException.badInput(
                    "--fault postgres-restart needs the embedded PostgreSQL of this process: leave out --jdbc-url, and let no other "
                            + "observatory process use the data directory"));
            case REGISTRY_OUTAGE -> infrastructure.registryGate().orElseThrow(() -> CliException.badInput(
                    "--fault registry-outage needs a schema registry behind the gate (the chaos command starts one)"));
            case TOPOLOGY_KILL, DEAD_LETTER_REFUSED -> { }
        }
    }

    private synchronized void start() {
        thread = new Thread(this::inject, "fault-" + plan.fault().wireName());
        thread.setDaemon(true);
        thread.start();
    }

    private void inject() {
        try {
            Instant due = generationStart().plus(plan.at());
            Thread.sleep(Math.max(0, Duration.between(clock.instant(), due).toMillis()));
            if (plan.fault() == Fault.BROKER_RESTART || plan.fault() == Fault.NETWORK_STALL) {
                target(); // which broker, said before it is hit
            }
            injectedAt = clock.instant();
            broken = true;
            console.step(String.format(Locale.ROOT, "Fault %s injected: %s (D = %.1f s)", plan.fault().wireName(),
                    plan.fault().description(), plan.duration().toMillis() / 1000.0));
            breakIt();
            if (plan.fault() == Fault.REGISTRY_OUTAGE) {
                Thread.sleep(plan.duration().toMillis() / 2);
                infrastructure.registryGate().orElseThrow().set(RegistryGate.Mode.SILENT);
                Thread.sleep(plan.duration().toMillis() - plan.duration().toMillis() / 2);
            } else {
                Thread.sleep(plan.duration().toMillis());
            }
            heal();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
            console.step("warning: fault " + plan.fault().wireName() + ": " + e.getMessage());
        }
    }

    /**
     * About when the generators started sending: their first progress report, which comes a second
     * in (a generator JVM takes seconds to start, so the executor's own start is too early). The
     * figures use the injection's actual time, not this.
     */
    private Instant generationStart() throws InterruptedException {
        Instant giveUp = clock.instant().plus(Duration.ofSeconds(60));
        while (clock.instant().isBefore(giveUp)) {
            if (executor.generatorReports() > 0) {
                return clock.instant().minus(PROGRESS_INTERVAL);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the generators reported no progress within 60 s");
    }

    /** How often a generator reports its progress (GeneratorMain). */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private void breakIt() throws IOException {
        switch (plan.fault()) {
            case BROKER_RESTART -> infrastructure.kafka().orElseThrow().stop(target().id);
            case POSTGRES_RESTART -> infrastructure.ownPostgres().orElseThrow().stop();
            case TOPOLOGY_KILL -> executor.killTopology();
            case REGISTRY_OUTAGE -> infrastructure.registryGate().orElseThrow().set(RegistryGate.Mode.REFUSING);
            case NETWORK_STALL -> signal(target().process, "STOP");
            case DEAD_LETTER_REFUSED -> {
                executor.topologyMayStop(true);
                refuseDeadLetters(true);
            }
        }
    }

    /** How long after the heal a topology may still stop for a dead letter refused before it (its next commit finds out). */
    static final Duration LATE_STOP = Duration.ofSeconds(5);

    private void refuseDeadLetters(boolean refuse) throws IOException {
        try {
            executor.refuseDeadLetters(refuse);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while changing the dead-letter topic", e);
        } catch (Exception e) {
            throw new IOException("could not change the dead-letter topic's max.message.bytes: " + e.getMessage(), e);
        }
    }

    /** The topology, if the refused dead letters stopped it, started again as its Deployment would. */
    private void restartIfStopped() throws IOException {
        boolean stopped;
        try {
            stopped = executor.topologyExits(LATE_STOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = false;
        }
        if (!stopped) {
            console.step("The topology did not stop while dead letters were refused");
            executor.topologyMayStop(false);
        } else {
            console.step("The topology had stopped on a refused dead letter: started again");
            executor.restartTopology();
        }
    }

    /**
     * The broker a broker fault hits: the only one, or in a cluster the one leading the most of the
     * run's input partitions (the leaders' broker, so the fault forces a leader election).
     */
    private LocalKafka.Node target() {
        if (target == null) {
            LocalKafka kafka = infrastructure.kafka().orElseThrow();
            target = kafka.nodes().get(0);
            if (kafka.nodes().size() > 1) {
                java.util.Map<Integer, Long> leaders = executor.inputLeaders();
                int busiest = leaders.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).map(java.util.Map.Entry::getKey)
                        .orElse(target.id);
                target = kafka.node(busiest);
                console.step("Broker " + busiest + " leads " + leaders.getOrDefault(busiest, 0L) + " of "
                        + leaders.values().stream().mapToLong(Long::longValue).sum() + " input partitions: the fault hits it");
            }
        }
        return target;
    }

    /** Undoes the fault; the heal is the moment that begins (a restart's own start-up counts toward recovery). */
    private synchronized void heal() throws IOException {
        if (!broken) {
            return;
        }
        healedAt = clock.instant();
        broken = false;
        switch (plan.fault()) {
            case BROKER_RESTART -> {
                LocalKafka.Node node = target();
                ChildProcess broker = infrastructure.kafka().orElseThrow().startAgain(node.id, logs.resolve(
                        infrastructure.brokerComponent(node) + "-restarted.log"));
                executor.watch(infrastructure.brokerComponent(node), broker.handle(), false);
            }
            case POSTGRES_RESTART -> {
                infrastructure.ownPostgres().orElseThrow().startAgain();
                infrastructure.embeddedPostgres().ifPresent(p -> executor.watch("postgres", p, true));
            }
            case TOPOLOGY_KILL -> executor.restartTopology();
            case REGISTRY_OUTAGE -> infrastructure.registryGate().orElseThrow().set(RegistryGate.Mode.OPEN);
            case NETWORK_STALL -> signal(target().process, "CONT");
            case DEAD_LETTER_REFUSED -> {
                refuseDeadLetters(false);
                restartIfStopped();
            }
        }
        console.step(String.format(Locale.ROOT, "Fault %s healed after %.1f s", plan.fault().wireName(),
                Duration.between(injectedAt, healedAt).toMillis() / 1000.0));
    }

    private static void signal(ChildProcess process, String signal) throws IOException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.handle().pid())).redirectErrorStream(true).start();
            if (kill.waitFor() != 0) {
                throw new IOException("kill -" + signal + " " + process.handle().pid() + " failed: "
                        + new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling " + process.handle().pid(), e);
        }
    }

    /** When it was injected and healed; empty if it never was (the run ended first, or injecting it failed). */
    Optional<FaultAnalysis.Injection> injection() {
        return injectedAt == null || healedAt == null ? Optional.empty() : Optional.of(new FaultAnalysis.Injection(injectedAt, healedAt));
    }

    /** Why injecting or healing failed, if it did. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Stops the schedule and mends whatever is still broken. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            heal();
        } catch (IOException | RuntimeException e) {
            System.err.println("observatory: could not heal fault " + plan.fault().wireName() + ": " + e.getMessage());
        }
    }
}
