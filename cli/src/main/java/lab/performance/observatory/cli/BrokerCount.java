package lab.performance.observatory.cli;

import picocli.CommandLine.Option;

/** {@code --brokers N}: how many embedded brokers a run starts (docs/reliability.md, "A cluster on one machine"). */
final class BrokerCount {

    @Option(names = "--brokers", paramLabel = "N", defaultValue = "1",
            description = "Start this many embedded KRaft brokers on loopback: 1 (default) or 3, a cluster in which topics get 3 replicas "
                    + "and min ISR 2 as on k3s (not with --bootstrap-servers).")
    int brokers;

    /** The count, checked against the rest of the command line. */
    int count(StackOptions stack) {
        if (!LocalKafka.SIZES.contains(brokers)) {
            throw CliException.badInput("--brokers: " + brokers + " is not a local cluster size (1 or 3)");
        }
        if (brokers != 1 && stack.bootstrapServers() != null) {
            throw CliException.badInput("--brokers " + brokers + " starts embedded brokers: it does not go with --bootstrap-servers");
        }
        return brokers;
    }
}
