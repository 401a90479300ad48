package lab.performance.observatory.core.plan;

/**
 * Where a plan is applied: the brokers there are (bounding replication), how many topology
 * replicas may run (a local run has one topology process; a Kubernetes Deployment as many as the
 * plan asks for) and the CPU cores each replica gets (bounding its stream threads).
 */
public record Cluster(int brokers, int maxTopologyReplicas, double replicaCores, String kind) {

    public Cluster {
        if (brokers < 1) {
            throw new IllegalArgumentException("a cluster has at least one broker, not " + brokers);
        }
        if (maxTopologyReplicas < 1 || !(replicaCores > 0)) {
            throw new IllegalArgumentException("a cluster runs at least one topology replica with some CPU");
        }
    }

    /** A Kubernetes cluster: replicas limited only by the plan, each given {@code replicaCpu} cores. */
    public static Cluster kubernetes(int brokers, double replicaCpu) {
        return new Cluster(brokers, Integer.MAX_VALUE, replicaCpu, "kubernetes");
    }

    /** This machine: one topology process with all of its {@code cores}. */
    public static Cluster local(int brokers, int cores) {
        return new Cluster(brokers, 1, cores, "local");
    }
}
