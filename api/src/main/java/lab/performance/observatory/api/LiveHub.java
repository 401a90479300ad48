package lab.performance.observatory.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import lab.performance.observatory.core.live.LiveRuns;
import lab.performance.observatory.core.live.Outbox;
import lab.performance.observatory.core.live.WindowSummary;
import lab.performance.observatory.core.report.ReportJson;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.store.RunStore;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The live feed's fan-out (docs/api.md, "Live"): each window summary the topology publishes comes
 * in through SmallRye Reactive Messaging, is merged across topology instances ({@link LiveRuns}) and
 * offered to every client watching that run. Each client has its own {@link Outbox}: a few writes
 * in flight, then only the newest summary waits; so a broadcast never waits for the slowest client
 * (WebSockets Next's own broadcast would, and has no outbound limit). A client that stays behind is
 * closed: one whose writes make no progress for {@link #MAX_BEHIND}, or which has not answered the
 * server's ping (sent every second) for {@link #MAX_BEHIND}. A pong waits behind every byte sent
 * before its ping, so its age is how far behind the client reads, whatever the TCP buffers between
 * hold. When a watched run is over and closed (a completed one once its report is stored, so after
 * its topology's last windows), its clients are told its final status.
 */
@ApplicationScoped
public class LiveHub {

    private static final Logger LOG = Logger.getLogger(LiveHub.class);
    static final int MAX_IN_FLIGHT = 4;
    static final Duration MAX_BEHIND = Duration.ofSeconds(5);
    /** Close code for a client that fell behind: 1008 (policy violation), as RFC 6455 has none for "too slow". */
    static final int BEHIND = 1008;

    /** One connected client and what it is owed. */
    final class Client {
        final WebSocketConnection connection;
        final String runId;
        final Outbox outbox = new Outbox(MAX_IN_FLIGHT, MAX_BEHIND.toNanos());
        volatile boolean toldEnded;
        volatile long lastPong = clock.nanoTime();

        Client(WebSocketConnection connection, String runId) {
            this.connection = connection;
            this.runId = runId;
        }

        void offer(String message) {
            switch (outbox.offer(message, clock.nanoTime())) {
                case SEND -> write(message);
                case CLOSE -> closeBehind();
                case QUEUED -> coalescedOrQueued.increment();
            }
        }

        private void write(String message) {
            connection.sendText(message).subscribe().with(ok -> {
                sent.increment();
                String next = outbox.sent();
                if (next != null) {
                    write(next);
                }
            }, failure -> leave(this));
        }

        void check() {
            long now = clock.nanoTime();
            if (outbox.check(now) == Outbox.Action.CLOSE || now - lastPong >= MAX_BEHIND.toNanos()) {
                closeBehind();
            }
        }

        private void closeBehind() {
            if (leave(this)) {
                closedBehind.increment();
                LOG.infof("closing live client %s of run %s: it has read nothing for %s", connection.id(), runId, MAX_BEHIND);
                connection.close(new CloseReason(BEHIND, "too far behind: read faster")).subscribe().with(ok -> { }, f -> { });
            }
        }
    }

    private final RunStore store;
    private final NanoClock clock = NanoClock.system();
    private final LiveRuns live = new LiveRuns(900, 20);
    private final Map<String, Set<Client>> clients = new ConcurrentHashMap<>();
    private final Counter received;
    private final Counter malformed;
    private final Counter sent;
    private final Counter coalescedOrQueued;
    private final Counter closedBehind;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "observatory-live-clients");
        t.setDaemon(true);
        return t;
    });

    public LiveHub(RunStore store, MeterRegistry registry) {
        this.store = store;
        this.received = Counter.builder("observatory.api.live.summaries.received").description("Window summaries received from the live topic")
                .register(registry);
        this.malformed = Counter.builder("observatory.api.live.summaries.malformed").description("Live topic records that were not window summaries")
                .register(registry);
        this.sent = Counter.builder("observatory.api.live.messages.sent").description("Messages written to live clients").register(registry);
        this.coalescedOrQueued = Counter.builder("observatory.api.live.messages.held")
                .description("Messages held back (and replaced by newer ones) for clients with writes in flight").register(registry);
        this.closedBehind = Counter.builder("observatory.api.live.clients.closed.behind")
                .description("Live clients closed for making no progress").register(registry);
        Gauge.builder("observatory.api.live.clients", clients, c -> c.values().stream().mapToInt(Set::size).sum())
                .description("Connected live clients").register(registry);
        timer.scheduleAtFixedRate(this::tick, 500, 500, TimeUnit.MILLISECONDS);
    }

    @Incoming("live")
    public void receive(String record) {
        WindowSummary summary;
        try {
            summary = ReportJson.readValue(record, WindowSummary.class);
            if (!WindowSummary.TYPE.equals(summary.type()) || summary.runId() == null || summary.latencyHistogram() == null) {
                throw new IllegalArgumentException("not a window summary");
            }
        } catch (RuntimeException e) {
            malformed.increment();
            LOG.debugf("ignoring a live record that is not a window summary: %s", e.getMessage());
            return;
        }
        received.increment();
        WindowSummary merged = live.add(summary);
        Set<Client> watching = clients.get(summary.runId());
        if (watching != null && !watching.isEmpty()) {
            String message = ReportJson.writeValue(merged);
            for (Client c : watching) {
                c.offer(message);
            }
        }
    }

    /** A new client of a run: registered, and sent the run's windows so far as one message. */
    void join(WebSocketConnection connection, String runId) {
        Client c = new Client(connection, runId);
        clients.computeIfAbsent(runId, r -> ConcurrentHashMap.newKeySet()).add(c);
        Map<String, Object> history = new LinkedHashMap<>();
        history.put("type", "history");
        history.put("run_id", runId);
        history.put("windows", live.windows(runId));
        c.offer(ReportJson.writeValue(history));
    }

    /** The client answered a ping: it has read everything sent before it. */
    void pong(WebSocketConnection connection) {
        long now = clock.nanoTime();
        for (Set<Client> set : clients.values()) {
            for (Client c : set) {
                if (c.connection == connection) {
                    c.lastPong = now;
                }
            }
        }
    }

    void leave(WebSocketConnection connection) {
        clients.values().forEach(set -> set.removeIf(c -> c.connection == connection));
    }

    private boolean leave(Client c) {
        Set<Client> set = clients.get(c.runId);
        return set != null && set.remove(c);
    }

    /** Stuck clients are closed even when no new summary comes; clients of runs that ended are told so once. */
    private void tick() {
        try {
            for (Map.Entry<String, Set<Client>> e : clients.entrySet()) {
                for (Client c : List.copyOf(e.getValue())) {
                    c.check();
                }
                if (e.getValue().stream().anyMatch(c -> !c.toldEnded)) {
                    // not before the run is closed: its topology's last windows come as the run's executor stops it
                    String status = store.runs().closedStatus(e.getKey()).orElse(null);
                    if (status != null) {
                        String ended = ReportJson.writeValue(Map.of("type", "ended", "run_id", e.getKey(), "status", status));
                        for (Client c : e.getValue()) {
                            if (!c.toldEnded) {
                                c.toldEnded = true;
                                c.offer(ended);
                            }
                        }
                    }
                }
            }
        } catch (Exception e) {
            LOG.warnf("live client check failed: %s", e.toString());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }
}
