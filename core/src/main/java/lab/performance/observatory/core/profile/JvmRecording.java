package lab.performance.observatory.core.profile;

import java.time.Instant;
import java.util.List;

/**
 * The parts of a JVM flight recording the report uses: CPU and allocation stack samples, garbage
 * collections with their pauses, and heap occupancy before and after each collection.
 */
public record JvmRecording(List<StackSample> cpu, List<StackSample> allocation, List<Collection> collections,
                           List<HeapReading> heap) {

    public JvmRecording {
        cpu = List.copyOf(cpu);
        allocation = List.copyOf(allocation);
        collections = List.copyOf(collections);
        heap = List.copyOf(heap);
    }

    /** One garbage collection: when it started, the sum of its pauses and its longest pause. */
    public record Collection(Instant at, long gcId, double pauseTotalMs, double longestPauseMs) {
    }

    /** Heap in use just before or just after collection {@code gcId}. */
    public record HeapReading(Instant at, long gcId, boolean beforeGc, long usedBytes) {
    }
}
