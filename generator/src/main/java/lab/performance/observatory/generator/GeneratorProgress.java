package lab.performance.observatory.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.util.List;
import java.util.Optional;

/**
 * The line the generator process prints on stdout every second, and once more when done, so its
 * supervisor can show progress: one JSON object per line.
 */
public record GeneratorProgress(String event, long sent, long acked, long failed, double maxSlipMs) {

    public static final String PROGRESS = "progress";
    public static final String DONE = "done";

    private static final ObjectMapper JSON = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    static GeneratorProgress of(String event, List<SourceCounters> counters) {
        long sent = 0;
        long acked = 0;
        long failed = 0;
        long slip = 0;
        for (SourceCounters c : counters) {
            sent += c.sent();
            acked += c.acked();
            failed += c.failed();
            slip = Math.max(slip, c.maxSlipNanos());
        }
        return new GeneratorProgress(event, sent, acked, failed, slip / 1e6);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The progress a line reports, or empty if it is not a progress line (e.g. a log line). */
    public static Optional<GeneratorProgress> parse(String line) {
        if (!line.startsWith("{\"event\":")) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(line, GeneratorProgress.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
