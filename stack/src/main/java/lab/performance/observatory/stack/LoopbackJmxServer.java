package lab.performance.observatory.stack;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.registry.LocateRegistry;
import java.rmi.server.RMIServerSocketFactory;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXConnectorServerFactory;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.MBeanServerForwarder;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.security.auth.Subject;

/**
 * The embedded broker's JMX, closed to everyone but this user (docs/reliability.md). The JVM's own
 * agent cannot be: besides the port asked for it always opens a local connector on an ephemeral
 * port of every interface, unauthenticated. This server binds its RMI registry and connector to
 * loopback only, on one port, asks for the user and password of an owner-only file, and is
 * read-only: attributes and metadata can be read, nothing invoked, set, created or unregistered
 * (a JMX client that can invoke operations can run code in the broker).
 */
public final class LoopbackJmxServer {

    public static final String PORT_PROPERTY = "observatory.jmx.port";
    public static final String PASSWORD_FILE_PROPERTY = "observatory.jmx.password-file";

    /** What a read-only client may call; everything else is refused. */
    private static final Set<String> READS = Set.of("getAttribute", "getAttributes", "getMBeanInfo", "getObjectInstance", "queryNames",
            "queryMBeans", "isRegistered", "getMBeanCount", "getDefaultDomain", "getDomains", "isInstanceOf", "getClassLoaderFor", "getClassLoader", "getClassLoaderRepository",
            "addNotificationListener", "removeNotificationListener", "getMBeanServer", "setMBeanServer", "hashCode", "equals", "toString");

    private LoopbackJmxServer() {
    }

    /** Starts one if the system properties ask for it; the user and password are the file's one line, "USER PASSWORD". */
    public static JMXConnectorServer startFromSystemProperties() throws IOException {
        String port = System.getProperty(PORT_PROPERTY);
        String passwordFile = System.getProperty(PASSWORD_FILE_PROPERTY);
        if (port == null || passwordFile == null) {
            return null;
        }
        String[] credentials = Files.readString(Path.of(passwordFile)).trim().split("\\s+");
        if (credentials.length != 2) {
            throw new IOException(passwordFile + " must hold one line: USER PASSWORD");
        }
        return start(Integer.parseInt(port), credentials[0], credentials[1]);
    }

    static JMXConnectorServer start(int port, String user, String password) throws IOException {
        System.setProperty("java.rmi.server.hostname", "127.0.0.1"); // the address in the stubs clients get
        LoopbackSockets sockets = new LoopbackSockets();
        LocateRegistry.createRegistry(port, null, sockets);
        Map<String, Object> environment = new HashMap<>();
        environment.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
        environment.put(JMXConnectorServer.AUTHENTICATOR, authenticator(user, password));
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        JMXConnectorServer server = JMXConnectorServerFactory.newJMXConnectorServer(url, environment, ManagementFactory.getPlatformMBeanServer());
        server.setMBeanServerForwarder(readOnly());
        server.start();
        return server;
    }

    private static JMXAuthenticator authenticator(String user, String password) {
        byte[] expected = (user + "\0" + password).getBytes(StandardCharsets.UTF_8);
        return credentials -> {
            if (credentials instanceof String[] given && given.length == 2 && given[0] != null && given[1] != null
                    && MessageDigest.isEqual(expected, (given[0] + "\0" + given[1]).getBytes(StandardCharsets.UTF_8))) {
                return new Subject(true, Set.of(new JMXPrincipal(user)), Collections.emptySet(), Collections.emptySet());
            }
            throw new SecurityException("authentication failed");
        };
    }

    private static MBeanServerForwarder readOnly() {
        MBeanServer[] target = new MBeanServer[1];
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("setMBeanServer")) {
                target[0] = (MBeanServer) args[0];
                return null;
            }
            if (name.equals("getMBeanServer")) {
                return target[0];
            }
            if (!READS.contains(name)) {
                throw new SecurityException("read-only JMX: " + name + " is not allowed");
            }
            try {
                return method.invoke(target[0], args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, handler);
    }

    /** Server sockets on loopback only; one instance for registry and connector, so they share the port. */
    private static final class LoopbackSockets implements RMIServerSocketFactory {
        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LoopbackSockets;
        }

        @Override
        public int hashCode() {
            return LoopbackSockets.class.hashCode();
        }
    }
}
