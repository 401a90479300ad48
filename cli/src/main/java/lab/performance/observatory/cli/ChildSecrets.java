package lab.performance.observatory.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
            java.util.Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, new java.util.Properties());
            String password = parsed == null ? null : parsed.getProperty("password");
            if (password == null || password.isEmpty()) {
                return new Database(jdbcUrl, Map.of());
            }
            // any host, port, database and user: the file goes only to the children of this command, and a
            // URL may name several hosts; one file per password, so concurrent commands agree
            String line = "*:*:*:*:" + password.replace("\\", "\\\\").replace(":", "\\:") + "\n";
            Path file = OwnerOnlyFiles.write(secrets.resolve("pgpass-" + Integer.toHexString(password.hashCode())), line);
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

        /** The same user and password file on another port (each broker of a local cluster has its own JMX). */
        Jmx onPort(int otherPort) {
            return new Jmx(otherPort, user, password, passwordFile);
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
