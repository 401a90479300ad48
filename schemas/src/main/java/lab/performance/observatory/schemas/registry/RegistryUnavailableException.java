package lab.performance.observatory.schemas.registry;

/** The registry could not be reached, or failed, within the client's bounded retries. */
public final class RegistryUnavailableException extends Exception {

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause, false, true);
    }
}
