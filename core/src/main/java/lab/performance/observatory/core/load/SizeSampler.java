package lab.performance.observatory.core.load;

import java.util.random.RandomGenerator;
import lab.performance.observatory.core.spec.SizeDistribution;

/** Draws event sizes in [min, max] bytes: uniform, or normal around the midpoint (sd = range / 6). */
public final class SizeSampler implements SizeSource {

    private static final int MAX_REDRAWS = 16;

    private final SizeDistribution distribution;
    private final RandomGenerator random;

    public SizeSampler(SizeDistribution distribution, RandomGenerator random) {
        this.distribution = distribution;
        this.random = random;
    }

    @Override
    public int next() {
        int min = distribution.minBytes();
        int max = distribution.maxBytes();
        if (min == max) {
            return min;
        }
        if (distribution.shape() == SizeDistribution.Shape.UNIFORM) {
            return min + random.nextInt(max - min + 1);
        }
        double mean = distribution.meanBytes();
        double sd = (max - min) / 6.0;
        for (int i = 0; i < MAX_REDRAWS; i++) {
            long size = Math.round(mean + sd * random.nextGaussian());
            if (size >= min && size <= max) {
                return (int) size;
            }
        }
        return (int) Math.round(mean); // six sigma either side: practically never reached
    }
}
