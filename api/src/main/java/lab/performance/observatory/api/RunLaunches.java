package lab.performance.observatory.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the API starts a run, as pure decisions (docs/api.md, "Starting runs"): the launcher's
 * {@code run} command for a spec file and run id on the API's own PostgreSQL (and Kafka, when one
 * is configured), so a posted run goes through the one lifecycle the command line uses; and what
 * the status of a launched run is before PostgreSQL has a row for it.
 */
final class RunLaunches {

    private RunLaunches() {
    }

    /** The launcher's command line: no JDBC URL on it, since it may hold a password (see {@link #environment}). */
    static List<String> command(String runner, String specFile, String runId, Optional<String> bootstrapServers,
                                Optional<String> dataDir) {
        List<String> command = new ArrayList<>(List.of(runner, "run", specFile, "--run-id", runId));
        bootstrapServers.filter(b -> !b.isBlank()).ifPresent(b -> command.addAll(List.of("--bootstrap-servers", b)));
        dataDir.filter(d -> !d.isBlank()).ifPresent(d -> command.addAll(List.of("--data-dir", d)));
        return command;
    }

    /**
     * What the launcher gets in its environment: the JDBC URL, which its {@code --jdbc-url} falls back
     * to, so no password shows in {@code /proc/PID/cmdline} (docs/reliability.md).
     */
    static Map<String, String> environment(String jdbcUrl) {
        return Map.of(JDBC_URL_VARIABLE, jdbcUrl);
    }

    static final String JDBC_URL_VARIABLE = "OBSERVATORY_JDBC_URL";

    /** The JDBC URL with the user and password the API connects with, as the launcher takes them: in the URL. */
    static String jdbcUrl(String url, Optional<String> user, Optional<String> password) {
        StringBuilder u = new StringBuilder(url);
        boolean hasQuery = url.contains("?");
        if (user.isPresent() && !url.matches(".*[?&]user=.*")) {
            u.append(hasQuery ? '&' : '?').append("user=").append(user.get());
            hasQuery = true;
        }
        if (password.isPresent() && !url.matches(".*[?&]password=.*")) {
            u.append(hasQuery ? '&' : '?').append("password=").append(password.get());
        }
        return u.toString();
    }

    /** A launched run the store has no row for yet: still starting while its process lives, else failed before it was recorded. */
    static String unrecordedStatus(boolean alive) {
        return alive ? "starting" : "failed";
    }
}
