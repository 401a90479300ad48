package lab.performance.observatory.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The soak's full collections: every {@link #EVERY}, {@code jcmd PID GC.run} in each JVM this process
 * started (the broker, the topology, the generators), so their flight recordings hold the heap after a
 * full collection, which is what is live (docs/reliability.md, "Soak"). A full collection pauses its
 * JVM, so a soak's latency is not a latency measurement: the soak reports it and does not judge it.
 */
final class FullCollections implements AutoCloseable {

    static final Duration EVERY = Duration.ofSeconds(30);
    static final Duration JCMD_TIMEOUT = Duration.ofSeconds(20);

    private final Path jcmd;
    private final Duration every;
    private final Console console;
    private final Thread thread;
    private volatile boolean stopped;
    private volatile String lastFailure;
    private volatile int collections;

    private FullCollections(Path jcmd, Duration every, Console console) {
        this.jcmd = jcmd;
        this.every = every;
        this.console = console;
        this.thread = new Thread(this::loop, "full-collections");
        this.thread.setDaemon(true);
    }

    /** Starts collecting; without the JDK's jcmd says so once and collects nothing (heap after GC is then unmeasured). */
    static FullCollections start(Console console) {
        return start(console, EVERY);
    }

    static FullCollections start(Console console, Duration every) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        FullCollections c = new FullCollections(Files.isExecutable(jcmd) ? jcmd : null, every, console);
        if (c.jcmd == null) {
            console.step("warning: no jcmd in " + jcmd.getParent() + " (a JRE, not a JDK): the soak cannot force full collections, "
                    + "so heap after GC is unmeasured");
        } else {
            c.thread.start();
        }
        return c;
    }

    private void loop() {
        while (!stopped) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            for (ProcessHandle jvm : jvms()) {
                collect(jvm);
            }
        }
    }

    /** This process's descendants that are JVMs. */
    static List<ProcessHandle> jvms() {
        try (Stream<ProcessHandle> all = ProcessHandle.current().descendants()) {
            return all.filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false)).toList();
        }
    }

    private void collect(ProcessHandle jvm) {
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(jvm.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(JCMD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail("jcmd " + jvm.pid() + " GC.run did not return within " + JCMD_TIMEOUT.toSeconds() + " s");
            } else if (p.exitValue() != 0 && jvm.isAlive()) {
                fail("jcmd " + jvm.pid() + " GC.run exited with " + p.exitValue());
            } else {
                collections++;
            }
        } catch (java.io.IOException e) {
            fail("jcmd: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fail(String why) {
        if (lastFailure == null) {
            console.step("warning: " + why + " (the soak's heap readings may be fewer)");
        }
        lastFailure = why;
    }

    int collections() {
        return collections;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
