package lab.performance.observatory.cli;

/** A failure with the exit code it maps to (docs/architecture.md, "Contracts"): 2 bad input, 3 infrastructure. */
final class CliException extends RuntimeException {

    static final int BAD_INPUT = 2;
    static final int INFRASTRUCTURE = 3;
    /** 128 + SIGINT, what shells expect of a command stopped by Ctrl-C. */
    static final int INTERRUPTED = 130;

    private final int exitCode;

    private CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    static CliException badInput(String message) {
        return new CliException(BAD_INPUT, message, null);
    }

    static CliException interrupted(String runId) {
        return new CliException(INTERRUPTED, "run " + runId + " aborted", null);
    }

    static CliException infrastructure(String message, Throwable cause) {
        return new CliException(INFRASTRUCTURE, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
