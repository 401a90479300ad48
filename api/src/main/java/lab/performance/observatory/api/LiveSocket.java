package lab.performance.observatory.api;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnPongMessage;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code /api/v1/live?run=ID}: a run's closed windows as the topology publishes them, at least one
 * a second while it processes, first the windows so far as one {@code history} message, then each
 * {@code window}, and {@code ended} once the run is over (docs/api.md, "Live"). A missing or bad
 * run id is refused with close code 1008 and the reason.
 */
@WebSocket(path = "/api/v1/live")
public class LiveSocket {

    private final LiveHub hub;

    public LiveSocket(LiveHub hub) {
        this.hub = hub;
    }

    @OnOpen
    public void open(WebSocketConnection connection) {
        String run = param(connection.handshakeRequest().query(), "run");
        if (run == null || !RunsResource.NAME.matcher(run).matches()) {
            connection.close(new CloseReason(1008, "run: give the run to watch as ?run=ID (letters, digits, '.', '_', '-')"))
                    .subscribe().with(ok -> { }, f -> { });
            return;
        }
        hub.join(connection, run);
    }

    @OnTextMessage
    public void ignore(String message) {
        // clients only listen
    }

    @OnPongMessage
    public void pong(WebSocketConnection connection, io.vertx.core.buffer.Buffer data) {
        hub.pong(connection);
    }

    @OnClose
    public void close(WebSocketConnection connection) {
        hub.leave(connection);
    }

    static String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
