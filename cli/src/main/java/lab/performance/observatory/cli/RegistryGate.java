package lab.performance.observatory.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder in front of the schema registry, for the registry-outage fault
 * (docs/reliability.md, "Fault suite"): open, it forwards every connection to the registry; refusing,
 * it closes its listening socket (connections are refused) and every connection it forwards; silent,
 * it listens again and accepts connections but neither forwards nor answers them. Clients of the run
 * know only the gate's address.
 */
final class RegistryGate implements AutoCloseable {

    enum Mode { OPEN, REFUSING, SILENT }

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.OPEN;
    private volatile ServerSocket listening;
    private volatile boolean closed;

    private RegistryGate(InetSocketAddress target, ServerSocket first) {
        this.target = target;
        this.port = first.getLocalPort();
        this.listening = first;
        startAccepting(first);
    }

    /** A gate on a free loopback port in front of {@code registry}'s host and port. */
    static RegistryGate open(URI registry) throws IOException {
        ServerSocket socket = bind(0);
        return new RegistryGate(new InetSocketAddress(registry.getHost(), registry.getPort()), socket);
    }

    /** {@code registry} with the gate's port in place of the registry's. */
    URI front(URI registry) {
        return URI.create(registry.getScheme() + "://127.0.0.1:" + port + registry.getRawPath());
    }

    synchronized void set(Mode next) throws IOException {
        if (closed || next == mode) {
            return;
        }
        mode = next; // before listening again, so a connection accepted from now on is treated as the new mode says
        if (next == Mode.REFUSING) {
            closeListening();
            dropConnections();
        } else {
            dropConnections(); // into silence: forwarded ones would still be answered; out of it: held ones never would
            if (listening == null) {
                ServerSocket socket = bind(port);
                listening = socket;
                startAccepting(socket);
            }
        }
    }

    Mode mode() {
        return mode;
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        return socket;
    }

    private void startAccepting(ServerSocket socket) {
        Thread t = new Thread(() -> accept(socket), "registry-gate-accept");
        t.setDaemon(true);
        t.start();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException closedNow) {
                return;
            }
            connections.add(client);
            if (mode == Mode.SILENT) {
                continue; // held open, never read, never answered
            }
            try {
                Socket upstream = new Socket();
                upstream.connect(target, 2_000);
                connections.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // either side closed: close both below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "registry-gate-pump");
        t.setDaemon(true);
        t.start();
    }

    private void closeListening() {
        ServerSocket socket = listening;
        listening = null;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed is what was wanted
            }
        }
    }

    private void dropConnections() {
        for (Socket s : connections) {
            closeQuietly(s);
        }
    }

    private void closeQuietly(Socket s) {
        connections.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        closeListening();
        dropConnections();
    }
}
