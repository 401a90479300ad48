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

    /** One garbage collection: when it started, the sum of its pauses, its longest pause and its cause ("G1 Evacuation Pause", ...). */
    public record Collection(Instant at, long gcId, double pauseTotalMs, double longestPauseMs, String cause) {

        /** Cause unknown. */
        public Collection(Instant at, long gcId, double pauseTotalMs, double longestPauseMs) {
            this(at, gcId, pauseTotalMs, longestPauseMs, "");
        }
    }

    /** The heap just after each collection of {@code cause}, in order. */
    public List<HeapReading> heapAfter(String cause) {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Collection c : collections) {
            if (cause.equals(c.cause())) {
                ids.add(c.gcId());
            }
        }
        return heap.stream().filter(h -> !h.beforeGc() && ids.contains(h.gcId())).sorted(java.util.Comparator.comparing(HeapReading::at)).toList();
    }

    /** Heap in use just before or just after collection {@code gcId}. */
    public record HeapReading(Instant at, long gcId, boolean beforeGc, long usedBytes) {
    }
}
