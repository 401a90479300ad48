package lab.performance.observatory.process;

import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Ends a child process when the process that started it is gone, so a killed orchestrator never
 * leaves brokers, generators or topologies running. The parent passes its pid in the system
 * property {@value #PROPERTY}; without it the watch does nothing.
 */
public final class ParentWatch {

    public static final String PROPERTY = "observatory.parent-pid";
    private ParentWatch() {
    }

    /** Starts watching the parent named by the system property; returns whether a watch started. */
    public static boolean startFromSystemProperty() {
        return start(System.getProperty(PROPERTY), System::exit);
    }

    /** Watches the process {@code pid} (null or blank: none) and calls {@code exit} with 3 once it is gone. */
    static boolean start(String pid, IntConsumer exit) {
        if (pid == null || pid.isBlank()) {
            return false;
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(pid.trim()));
        if (parent.isEmpty() || !parent.get().isAlive()) {
            exit.accept(3);
            return true;
        }
        Thread watcher = new Thread(() -> {
            try {
                parent.get().onExit().get();
            } catch (Exception interrupted) {
                return;
            }
            exit.accept(3);
        }, "parent-watch");
        watcher.setDaemon(true);
        watcher.start();
        return true;
    }
}
