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
 * ({@code faults.json}). {@code --fault all} runs every fault, one run each (docs/reliability.md).
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

    @Option(names = "--fault", paramLabel = "FAULT", required = true,
            description = "broker-restart, postgres-restart, topology-kill, registry-outage, network-stall, or all (one run each).")
    String fault;

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

    @Option(names = "--drain-timeout", paramLabel = "DURATION", converter = DurationText.class, defaultValue = "60s",
            description = "How long the topology may take to finish what is in flight after generation stops (default: ${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Override
    public Integer call() throws Exception {
        BenchmarkSpec spec = SpecFiles.load(specFile);
        if (runDuration != null) {
            spec = spec.withDuration(runDuration);
        }
        brokers.count(stack);
        List<Fault> faults = faults();
        List<FaultPlan> plans = new ArrayList<>();
        for (Fault f : faults) {
            FaultPlan plan = new FaultPlan(f, at, duration != null ? duration : f.defaultDuration());
            List<String> problems = plan.problems(spec);
            if (!problems.isEmpty()) {
                throw CliException.badInput(f.wireName() + ": " + String.join("; ", problems));
            }
            plans.add(plan);
        }
        for (int i = 0; i < spec.dataSources().size(); i++) {
            if (spec.dataSources().get(i).framing() == Framing.REGISTRY && faults.stream().noneMatch(Fault::needsRegistry)) {
                throw CliException.badInput(specFile + ": spec.data_sources[" + i + "].framing: registry framing: only registry-outage "
                        + "runs with a registry here; use framing auto");
            }
        }
        List<FaultFigures> all = new ArrayList<>();
        for (FaultPlan plan : plans) {
            all.add(runWith(spec, plan));
        }
        if (all.size() > 1) {
            parent.console.result("\nFault suite (" + all.size() + " runs)\n" + FaultTable.render(all));
        }
        return all.stream().allMatch(FaultFigures::passed) ? 0 : 1;
    }

    private List<Fault> faults() {
        if ("all".equals(fault)) {
            return List.of(Fault.values());
        }
        return List.of(Fault.fromWireName(fault).orElseThrow(() -> CliException.badInput(
                "--fault: unknown fault '" + fault + "' (expected one of " + Fault.wireNames() + ", or all)")));
    }

    private FaultFigures runWith(BenchmarkSpec spec, FaultPlan plan) throws Exception {
        String id = RunNaming.newRunId(spec.name() + "-" + plan.fault().wireName(), Instant.now(), ThreadLocalRandom.current());
        Path runDir = stack.dataDir().resolve("runs").resolve(id);
        Infrastructure.Registry registry = plan.fault().needsRegistry() ? new Infrastructure.Registry(true, null).gatedNow()
                : Infrastructure.Registry.NONE;
        LocalRun.Options options = new LocalRun.Options(drainTimeout, false, registry, false, true, false, null, false,
                lab.performance.observatory.core.verdict.Thresholds.DEFAULT, java.util.Optional.empty(), true, brokers.count(stack));
        FaultInjector injector = new FaultInjector(plan, Clock.systemUTC(), parent.console);
        FaultFigures[] figures = new FaultFigures[1];
        parent.console.step("Chaos: " + plan.fault().wireName() + " at " + seconds(plan.at()) + " s for " + seconds(plan.duration()) + " s");
        new LocalRun(spec, id, runDir, stack, options, parent.console).withFault(injector, (store, outcome) -> {
            FaultAnalysis.Injection injection = injector.injection().orElse(null);
            FaultFigures f = injection == null
                    ? notInjected(plan, injector.failure().orElse("the run ended before the fault was due"))
                    : FaultAnalysis.analyse(plan, injection, outcome.report(), offered(spec));
            store.faults().save(id, plan, injection, f);
            Files.writeString(runDir.resolve(FIGURES), ReportJson.writeValue(f));
            figures[0] = f;
            parent.console.result("\n" + FaultTable.render(List.of(f)));
            parent.console.step("Fault figures: " + runDir.resolve(FIGURES));
        }).run();
        return figures[0];
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
