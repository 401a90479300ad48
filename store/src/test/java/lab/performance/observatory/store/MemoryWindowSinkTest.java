package lab.performance.observatory.store;

class MemoryWindowSinkTest extends WindowSinkContract {

    private MemoryWindowSink last;

    @Override
    WindowSink sink(String applicationId) {
        last = new MemoryWindowSink();
        return last;
    }

    @Override
    long storedEvents(String run) {
        return last.rows().stream().filter(r -> r.runId().equals(run)).mapToLong(WindowDelta::events).sum();
    }
}
