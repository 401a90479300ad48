package lab.performance.observatory.cdc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a PostgreSQL JDBC URL points, in the pieces Debezium's connector is configured with
 * ({@code database.hostname}, {@code .port}, {@code .dbname}, {@code .user}, {@code .password}):
 * {@code jdbc:postgresql://HOST[:PORT]/DATABASE[?user=U&password=P]}, user and password also given
 * apart (they win over the URL's).
 */
public record PostgresAddress(String host, int port, String database, String user, String password) {

    public static PostgresAddress parse(String jdbcUrl, Optional<String> user, Optional<String> password) {
        String prefix = "jdbc:postgresql://";
        if (jdbcUrl == null || !jdbcUrl.startsWith(prefix)) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DATABASE): " + redacted(jdbcUrl));
        }
        String rest = jdbcUrl.substring(prefix.length());
        int slash = rest.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("the JDBC URL names no database (jdbc:postgresql://HOST:PORT/DATABASE): " + redacted(jdbcUrl));
        }
        String hostPort = rest.substring(0, slash);
        if (hostPort.contains(",")) {
            throw new IllegalArgumentException("CDC streams from one PostgreSQL server; the JDBC URL names several: " + redacted(jdbcUrl));
        }
        String path = rest.substring(slash + 1);
        int query = path.indexOf('?');
        String database = query < 0 ? path : path.substring(0, query);
        Map<String, String> params = new HashMap<>();
        if (query >= 0) {
            for (String pair : path.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String host = hostPort;
        int port = 5432;
        int colon = hostPort.lastIndexOf(':');
        if (colon > 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the JDBC URL's port is not a number: " + redacted(jdbcUrl));
            }
        }
        if (database.isBlank()) {
            throw new IllegalArgumentException("the JDBC URL names no database (jdbc:postgresql://HOST:PORT/DATABASE): " + redacted(jdbcUrl));
        }
        return new PostgresAddress(host, port, database, user.orElse(params.getOrDefault("user", "postgres")),
                password.orElse(params.getOrDefault("password", "")));
    }

    /**
     * The URL without its password parameter: what goes on a command line, while the password
     * travels in an owner-only password file (docs/reliability.md).
     */
    public static String withoutPassword(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        if (query < 0) {
            return jdbcUrl;
        }
        String kept = java.util.Arrays.stream(jdbcUrl.substring(query + 1).split("&"))
                .filter(pair -> !pair.isEmpty() && !pair.startsWith("password="))
                .collect(java.util.stream.Collectors.joining("&"));
        return jdbcUrl.substring(0, query) + (kept.isEmpty() ? "" : "?" + kept);
    }

    /**
     * With the password pgjdbc would use when the URL has none: from the password file named by
     * {@code PGPASSFILE} (or {@code ~/.pgpass}). Debezium's connector needs it given explicitly.
     */
    public PostgresAddress withPasswordFileFallback() {
        if (!password.isEmpty()) {
            return this;
        }
        String found = org.postgresql.jdbcurlresolver.PgPassParser.getPassword(host, Integer.toString(port), database, user);
        return found == null ? this : new PostgresAddress(host, port, database, user, found);
    }

    /** The URL without its password, for messages. */
    static String redacted(String jdbcUrl) {
        return jdbcUrl == null ? "null" : jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    @Override
    public String toString() {
        return "PostgresAddress[" + user + "@" + host + ":" + port + "/" + database + "]"; // never the password
    }
}
