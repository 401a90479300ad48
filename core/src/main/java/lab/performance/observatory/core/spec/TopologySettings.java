package lab.performance.observatory.core.spec;

/** What the topology needs from the spec's processing stages, with defaults filled in. */
public record TopologySettings(DecodeStrategy strategy, int windowSeconds) {

    public static final TopologySettings DEFAULT = new TopologySettings(DecodeStrategy.COPYING, 1);
}
