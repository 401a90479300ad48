package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lab.performance.observatory.cdc.PostgresAddress;
import lab.performance.observatory.process.OwnerOnlyFiles;
import lab.performance.observatory.stack.LoopbackJmxServer;

/**
 * What the processes a command starts get instead of passwords on their command lines, which any
 * local user can read in {@code /proc} (docs/reliability.md): PostgreSQL's password in a libpq
 * password file named by {@code PGPASSFILE}, and the broker's JMX behind a password file. Every
 * file is owner-only, under {@code <data dir>/secrets}.
 */
final class ChildSecrets {

    static final String PASSWORD_FILE_VARIABLE = "PGPASSFILE";
    static final String JMX_USER = "observatory";

    private ChildSecrets() {
    }

    /** How a child reaches PostgreSQL: the URL without its password, and the environment that supplies it. */
    record Database(String jdbcUrl, Map<String, String> environment) {

        static Database of(String jdbcUrl, Path secrets) throws IOException {
            PostgresAddress address = PostgresAddress.parse(jdbcUrl, Optional.empty(), Optional.empty());
            if (address.password().isEmpty()) {
                return new Database(jdbcUrl, Map.of());
            }
            // one file per server and user, so concurrent commands on one data directory agree
            String name = "pgpass-" + Integer.toHexString((address.host() + ":" + address.port() + ":" + address.user()).hashCode());
            Path file = OwnerOnlyFiles.write(secrets.resolve(name), address.passwordFileLine() + "\n");
            return new Database(PostgresAddress.withoutPassword(jdbcUrl), Map.of(PASSWORD_FILE_VARIABLE, file.toString()));
        }
    }

    /** The broker's JMX: a user with read-only access and a password made for this start. */
    record Jmx(int port, String user, String password, Path passwordFile) {

        static Jmx create(int port, Path secrets) throws IOException {
            String password = OwnerOnlyFiles.newPassword();
            Path passwordFile = OwnerOnlyFiles.write(secrets.resolve("jmx.password"), JMX_USER + " " + password + "\n");
            return new Jmx(port, JMX_USER, password, passwordFile);
        }

        /** The broker JVM's options: its own JMX server ({@link LoopbackJmxServer}), loopback, authenticated, read-only. */
        List<String> jvmOptions() {
            return List.of("-D" + LoopbackJmxServer.PORT_PROPERTY + "=" + port, "-D" + LoopbackJmxServer.PASSWORD_FILE_PROPERTY + "=" + passwordFile);
        }

        @Override
        public String toString() {
            return "Jmx[127.0.0.1:" + port + " as " + user + "]"; // never the password
        }
    }
}
