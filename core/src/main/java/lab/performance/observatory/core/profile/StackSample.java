package lab.performance.observatory.core.profile;

import java.time.Instant;
import java.util.List;

/** One sampled stack, innermost frame first, with its weight (1 per CPU sample, bytes for allocation). */
public record StackSample(Instant at, List<String> frames, long weight) {

    public StackSample {
        frames = List.copyOf(frames);
    }
}
