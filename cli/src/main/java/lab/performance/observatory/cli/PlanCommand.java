package lab.performance.observatory.cli;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import lab.performance.observatory.core.plan.CapacityModel;
import lab.performance.observatory.core.plan.Cluster;
import lab.performance.observatory.core.plan.Plan;
import lab.performance.observatory.core.plan.Planner;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.spec.BenchmarkSpec;
import lab.performance.observatory.store.Baseline;
import lab.performance.observatory.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "plan", description = "Prints the topic, partition and consumer-scaling plan the operator would apply for a spec, every number with its reason. Offline unless --capacity-from reads a stored run.")
final class PlanCommand implements Callable<Integer> {

    @ParentCommand
    ObservatoryCli parent;

    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "SPEC.yaml")
    Path specFile;

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "3", description = "Brokers in the target cluster (default: ${DEFAULT-VALUE}; a local run plans for the brokers it finds).")
    int brokers;

    @Option(names = "--capacity-from", paramLabel = "RUN_ID|NAME",
            description = "Take the per-replica capacity from this stored run or baseline instead of the documented defaults.")
    String capacityFrom;

    @Option(names = "--replica-cpu", paramLabel = "CORES", defaultValue = "1.0",
            description = "With --capacity-from: CPU cores one topology replica gets (default: ${DEFAULT-VALUE}).")
    double replicaCpu;

    @Option(names = "--local", description = "The plan of a local run on this machine instead: one topology process with a stream thread per core.")
    boolean local;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Override
    public Integer call() throws SQLException {
        BenchmarkSpec spec = SpecFiles.load(specFile);
        if (brokers < 1) {
            throw CliException.badInput("--brokers: a cluster has at least 1 broker, not " + brokers);
        }
        if (!(replicaCpu > 0)) {
            throw CliException.badInput("--replica-cpu: must be a positive number of cores, not " + replicaCpu);
        }
        CapacityModel capacity = CapacityModel.DEFAULT;
        if (capacityFrom != null) {
            try (Infrastructure infrastructure = Infrastructure.start(stack, false, stack.dataDir().resolve("logs"), parent.console.withoutSteps())) {
                Baseline run = Baselines.resolve(new RunStore(infrastructure.dataSource()), capacityFrom);
                try {
                    capacity = CapacityModel.fromBaseline(run.report(), replicaCpu);
                } catch (IllegalArgumentException e) {
                    throw CliException.badInput("--capacity-from: " + e.getMessage());
                }
            }
        }
        Cluster cluster = local ? Cluster.local(brokers, Runtime.getRuntime().availableProcessors()) : Cluster.kubernetes(brokers, replicaCpu);
        Plan plan = Planner.plan(spec, "obs." + spec.name(), cluster, capacity);
        parent.console.result(json ? ReportJson.writeValue(plan) : plan.render());
        return 0;
    }
}
