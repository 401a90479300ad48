package lab.performance.observatory.core.spec;

/**
 * Random spikes laid over any pattern: each interval, with {@code probability}, the rate of that
 * interval is multiplied by {@code multiplier} (e.g. a 10 % chance of a 10x spike each second).
 */
public record SpikeSpec(double probability, double multiplier, double intervalSeconds, long seed) {
}
