package lab.performance.observatory.core.replay;

/** A load profile that cannot be used: missing, corrupt, truncated, of a newer format, or without the stream asked for. One line. */
public final class InvalidProfileException extends Exception {

    public InvalidProfileException(String message) {
        super(message);
    }

    public InvalidProfileException(String message, Throwable cause) {
        super(message, cause);
    }
}
