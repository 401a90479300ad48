package lab.performance.observatory.core.lifecycle;

/**
 * What an executor sees while provisioning: how many of the run's topics exist as planned, how many
 * topology replicas are ready of those wanted, and whether the topology's consumer group is stable
 * with every input partition assigned (a replica can be ready and still wait for a rebalance).
 */
public record Readiness(int topicsReady, int topics, int topologyReady, int topologyWanted, boolean consumingAll) {

    public boolean provisioned() {
        return topicsReady >= topics && topologyReady >= topologyWanted;
    }
}
