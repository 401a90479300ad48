package lab.performance.observatory.cli;

import java.nio.file.Path;
import java.util.List;

/** What to tell about a topology process that exited unasked: its status and the error that ended it. Pure. */
final class TopologyExit {

    private static final String ERROR = " ERROR ";
    /** The line the topology logs when Kafka Streams stopped for good (topology's StreamsFailure). */
    static final String STREAMS_STOPPED = "Kafka Streams stopped";

    private TopologyExit() {
    }

    /**
     * @param logTail the last lines of its log
     * @return e.g. "the topology exited with status 3: Kafka Streams stopped (...) (see topology.log)"
     */
    static String describe(int status, String logTail, Path log) {
        List<String> errors = logTail.lines().filter(l -> l.contains(ERROR))
                .map(l -> l.substring(l.indexOf(ERROR) + ERROR.length()).replaceFirst("^\\[[^]]*\\] ", "").trim()).toList();
        String cause = errors.stream().filter(l -> l.startsWith(STREAMS_STOPPED)).findFirst()
                .or(() -> errors.stream().reduce((a, b) -> b)).map(l -> ": " + l).orElse("");
        return "the topology exited with status " + status + cause + " (see " + log + ")";
    }
}
