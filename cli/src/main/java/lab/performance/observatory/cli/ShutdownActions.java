package lab.performance.observatory.cli;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What must happen if the JVM is stopped (Ctrl-C, SIGTERM) while a command is running: one
 * shutdown hook runs the registered actions one after another, newest first — record the run as
 * aborted, stop its processes, then stop the stack they ran on. Separate hooks would run at once.
 */
final class ShutdownActions {

    private static final Deque<Runnable> ACTIONS = new ArrayDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ShutdownActions::runAll, "observatory-shutdown"));
    }

    private ShutdownActions() {
    }

    /** Registers an action; closing the returned handle (normal completion) unregisters it. */
    static AutoCloseable register(Runnable action) {
        synchronized (ACTIONS) {
            ACTIONS.push(action);
        }
        return () -> {
            synchronized (ACTIONS) {
                ACTIONS.remove(action);
            }
        };
    }

    private static void runAll() {
        while (true) {
            Runnable next;
            synchronized (ACTIONS) {
                next = ACTIONS.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                System.err.println("observatory: while stopping: " + e.getMessage());
            }
        }
    }
}
