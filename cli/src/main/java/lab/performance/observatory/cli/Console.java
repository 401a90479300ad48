package lab.performance.observatory.cli;

import java.io.PrintStream;

/**
 * Where the CLI talks to people: steps and progress on stderr (a progress line rewrites itself on a
 * terminal, and is printed every few seconds otherwise), results on stdout.
 */
final class Console {

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private long lastPlainProgress;
    private boolean progressShown;

    Console(PrintStream out, PrintStream err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    static Console system() {
        return new Console(System.out, System.err, System.console() != null);
    }

    /** The same results, without the step and progress lines (for commands whose output is the point). */
    Console withoutSteps() {
        return new Console(out, new PrintStream(java.io.OutputStream.nullOutputStream()), false);
    }

    synchronized void step(String message) {
        endProgress();
        err.println(message);
    }

    synchronized void progress(String line) {
        if (terminal) {
            err.print("\r" + line + "\u001b[K");
            err.flush();
            progressShown = true;
        } else if (System.nanoTime() - lastPlainProgress > 5_000_000_000L) {
            err.println(line);
            lastPlainProgress = System.nanoTime();
        }
    }

    synchronized void endProgress() {
        if (progressShown) {
            err.println();
            progressShown = false;
        }
    }

    synchronized void result(String text) {
        endProgress();
        out.print(text);
        out.flush();
    }
}
