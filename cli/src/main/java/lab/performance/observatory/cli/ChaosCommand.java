package lab.performance.observatory.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleUnaryOperator;
import lab.performance.observatory.core.fault.Fault;
import lab.performance.observatory.core.fault.FaultAnalysis;
import lab.performance.observatory.core.fault.FaultFigures;
import lab.performance.observatory.core.fault.FaultPlan;
import lab.performance.observatory.core.fault.FaultTable;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.report.RunNaming;
import lab.performance.observatory.core.schedule.EventSchedule;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.core.spec.DataSourceSpec;
import lab.performance.observatory.core.spec.Framing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code observatory chaos}: a benchmark run with a fault injected into it, then the usual report and
 * the fault's figures, printed as a table, stored ({@code run_faults}) and written beside the report
 * ({@code faults.json}). {@code --fault a,b} injects several into one run, one after another;
 * {@code --fault all} runs every fault, one run each (docs/reliability.md).
 */
@Command(name = "chaos", description = "Runs a PipelineBenchmark with a fault injected (broker, PostgreSQL or registry outage, topology kill, "
        + "broker stall) and reports what was lost or counted twice, the time to recover and the latency spike.")
final class ChaosCommand implements Callable<Integer> {

    static final String FIGURES = "faults.json";

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "SPEC.yaml", description = "The PipelineBenchmark to run (load-profiles/faults.yaml is made for it).")
    Path specFile;

    @Option(names = "--fault", paramLabel = "FAULT[,FAULT...]", required = true,
            description = "broker-restart, postgres-restart, topology-kill, registry-outage, network-stall; several, comma-separated: "
                    + "one run, the faults one after another (--gap apart), each optionally with its own duration (topology-kill:1s); "
                    + "all: one run per fault.")
    String fault;

    @Option(names = "--gap", paramLabel = "DURATION", converter = DurationText.class, defaultValue = "10s",
            description = "With several faults in one run: from a fault's end to the next one (default: ${DEFAULT-VALUE}).")
    Duration gap;

    @Option(names = "--at", paramLabel = "DURATION", converter = DurationText.class, defaultValue = "10s",
            description = "When to inject the fault, from the start of generation (default: ${DEFAULT-VALUE}).")
    Duration at;

    @Option(names = "--duration", paramLabel = "DURATION", converter = DurationText.class,
            description = "How long the fault lasts (default per fault: broker-restart and postgres-restart 5s, topology-kill 1s "
                    + "before the restart, registry-outage 20s, network-stall 10s).")
    Duration duration;

    @Option(names = "--run-duration", paramLabel = "DURATION", converter = DurationText.class,
            description = "Run for this long instead of the spec's duration.")
    Duration runDuration;

    @Mixin
    BrokerCount brokers;

    @Mixin
    DrainTimeout drainTimeout;

    @Override
    public Integer call() throws Exception {
        BenchmarkSpec spec = SpecFiles.load(specFile);
        if (runDuration != null) {
            spec = spec.withDuration(runDuration);
        }
        brokers.count(stack);
        // all: one run per fault; a list: one run, the faults one after another
        List<List<FaultPlan>> runs = new ArrayList<>();
        if ("all".equals(fault)) {
            for (Fault f : Fault.values()) {
                runs.add(List.of(new FaultPlan(f, at, duration != null ? duration : f.defaultDuration())));
            }
        } else {
            runs.add(sequence());
        }
        for (List<FaultPlan> plans : runs) {
            for (FaultPlan plan : plans) {
                List<String> problems = plan.problems(spec);
                if (!problems.isEmpty()) {
                    throw CliException.badInput(plan.fault().wireName() + ": " + String.join("; ", problems));
                }
            }
        }
        boolean anyRegistry = runs.stream().flatMap(List::stream).anyMatch(p -> p.fault().needsRegistry());
        for (int i = 0; i < spec.dataSources().size(); i++) {
            if (spec.dataSources().get(i).framing() == Framing.REGISTRY && !anyRegistry) {
                throw CliException.badInput(specFile + ": spec.data_sources[" + i + "].framing: registry framing: only registry-outage "
                        + "runs with a registry here; use framing auto");
            }
        }
        List<FaultFigures> all = new ArrayList<>();
        for (List<FaultPlan> plans : runs) {
            all.addAll(runWith(spec, plans));
        }
        if (runs.size() > 1) {
            parent.console.result("\nFault suite (" + runs.size() + " runs)\n" + FaultTable.render(all));
        }
        return all.stream().allMatch(FaultFigures::passed) ? 0 : 1;
    }

    /** The listed faults, one after another; an item {@code fault:D} lasts D instead of --duration or its default. */
    private List<FaultPlan> sequence() {
        List<FaultPlan> out = new ArrayList<>();
        Duration next = at;
        for (String item : fault.split(",")) {
            String[] parts = item.trim().split(":", 2);
            Fault f = Fault.fromWireName(parts[0].trim()).orElseThrow(() -> CliException.badInput(
                    "--fault: unknown fault '" + parts[0].trim() + "' (expected one of " + Fault.wireNames() + ", a list of them, or all)"));
            if (out.stream().anyMatch(p -> p.fault() == f)) {
                throw CliException.badInput("--fault: " + f.wireName() + " is listed twice; a run injects each fault once");
            }
            Duration d;
            try {
                d = parts.length == 2 ? DurationText.parse(parts[1]) : duration != null ? duration : f.defaultDuration();
            } catch (picocli.CommandLine.TypeConversionException e) {
                throw CliException.badInput("--fault " + f.wireName() + ": " + e.getMessage());
            }
            FaultPlan plan = FaultPlan.sequence(List.of(f), next, d, gap).get(0);
            out.add(plan);
            next = plan.at().plus(plan.duration()).plus(gap);
        }
        return out;
    }

    /** One run with {@code plans} injected; its figures, a row per fault. */
    private List<FaultFigures> runWith(BenchmarkSpec spec, List<FaultPlan> plans) throws Exception {
        String names = plans.stream().map(p -> p.fault().wireName()).collect(java.util.stream.Collectors.joining("+"));
        String id = RunNaming.newRunId(spec.name() + "-" + (plans.size() == 1 ? names : "faults"), Instant.now(), ThreadLocalRandom.current());
        Path runDir = stack.dataDir().resolve("runs").resolve(id);
        Infrastructure.Registry registry = plans.stream().anyMatch(p -> p.fault().needsRegistry())
                ? new Infrastructure.Registry(true, null).gatedNow() : Infrastructure.Registry.NONE;
        LocalRun.Options options = new LocalRun.Options(drainTimeout.value, false, registry, false, true, false, null, false,
                lab.performance.observatory.core.verdict.Thresholds.DEFAULT, java.util.Optional.empty(), true, brokers.count(stack));
        List<FaultInjector> injectors = new ArrayList<>();
        for (FaultPlan plan : plans) {
            injectors.add(new FaultInjector(plan, Clock.systemUTC(), parent.console));
            parent.console.step("Chaos: " + plan.fault().wireName() + " at " + seconds(plan.at()) + " s for " + seconds(plan.duration()) + " s");
        }
        List<FaultFigures> figures = new ArrayList<>();
        new LocalRun(spec, id, runDir, stack, options, parent.console).withFaults(injectors, (store, outcome) -> {
            for (FaultInjector injector : injectors) {
                FaultPlan plan = injector.plan();
                FaultAnalysis.Injection injection = injector.injection().orElse(null);
                FaultFigures f = injection == null
                        ? notInjected(plan, injector.failure().orElse("the run ended before the fault was due"))
                        : FaultAnalysis.analyse(plan, injection, outcome.report(), offered(spec));
                store.faults().save(id, plan, injection, f);
                figures.add(f);
            }
            Files.writeString(runDir.resolve(FIGURES), ReportJson.writeValue(figures));
            parent.console.result("\n" + FaultTable.render(figures));
            parent.console.step("Fault figures: " + runDir.resolve(FIGURES));
        }).run();
        return figures;
    }

    static FaultFigures notInjected(FaultPlan plan, String why) {
        return new FaultFigures(plan.fault().wireName(), 0, 0, 0, null, 0, 0, 0, null, null, null, "not-audited",
                List.of("not injected: " + why));
    }

    /** The schedule's total rate at a second of generation: every source's profile, every stream. */
    static DoubleUnaryOperator offered(BenchmarkSpec spec) {
        List<lab.performance.observatory.core.schedule.RateProfile> profiles = new ArrayList<>();
        for (DataSourceSpec s : spec.dataSources()) {
            profiles.add(EventSchedule.profileOf(s));
        }
        int streams = spec.concurrentStreams();
        return t -> {
            double total = 0;
            for (var p : profiles) {
                total += p.rateAt(t);
            }
            return total * streams;
        };
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? Long.toString(d.toSeconds()) : String.format(java.util.Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }
}
