package lab.performance.observatory.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import lab.performance.observatory.core.spec.DataType;
import lab.performance.observatory.core.spec.DecodeStrategy;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.schemas.MalformedEventException.Reason;
import lab.performance.observatory.schemas.registry.RegistryUnavailableException;
import lab.performance.observatory.schemas.registry.SchemaRegistryClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A registry that misbehaves at the socket: accepts and never answers, sends headers and then
 * nothing, sends an endless body. The stream thread is held at most the caller wait once, then
 * fails fast while the registry counts as unavailable; an answer that comes later makes it
 * available again. Counted in requests and outcomes, not timed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SchemaRegistryStallIT {

    static final int ID = 7;

    /** Connection n (from 0) is served by behaviours.apply(n). */
    static final class MisbehavingRegistry implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger connections = new AtomicInteger();
        final List<Socket> open = new CopyOnWriteArrayList<>();

        MisbehavingRegistry(IntFunction<Behaviour> behaviours) throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        open.add(socket);
                        Behaviour behaviour = behaviours.apply(connections.getAndIncrement());
                        Thread serve = new Thread(() -> behaviour.serve(socket), "misbehaving-registry");
                        serve.setDaemon(true);
                        serve.start();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "misbehaving-registry-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/apis/ccompat/v7");
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket socket : open) {
                socket.close();
            }
        }
    }

    interface Behaviour {
        void serve(Socket socket);
    }

    static final Behaviour SILENT = socket -> { }; // accepts, reads nothing, answers nothing

    static final Behaviour HEADERS_THEN_NOTHING = socket -> write(socket,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"sch");

    static final Behaviour ENDLESS_BODY = socket -> {
        try {
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("4000\r\n" + "x".repeat(0x4000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (true) {
                out.write(chunk);
            }
        } catch (IOException closedByClient) {
            // the client stopped reading: what we want
        }
    };

    static final Behaviour ANSWERS = socket -> {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int read = in.read(buffer); // one request line and headers, small
            if (read <= 0) {
                return;
            }
            String schema = EventSchemas.current(DataType.MARKET_DATA).schema().toString().replace("\\", "\\\\").replace("\"", "\\\"");
            String body = "{\"schema\":\"" + schema + "\"}";
            write(socket, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                    + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
        } catch (IOException e) {
            // client went away
        }
    };

    static void write(Socket socket, String text) {
        try {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
        } catch (IOException e) {
            // client went away
        }
    }

    MisbehavingRegistry registry;

    @AfterEach
    void close() throws IOException {
        if (registry != null) {
            registry.close();
        }
    }

    static SchemaRegistryClient client(URI uri, Duration unavailableFor) {
        return new SchemaRegistryClient(uri, new SchemaRegistryClient.Settings(Duration.ofSeconds(1), 2, Duration.ofMillis(50),
                unavailableFor, Duration.ofSeconds(30), 10, Duration.ofMillis(200), 64 * 1024), NanoClock.system());
    }

    static byte[] registryFramed() {
        return new EventEncoder(EventSchemas.current(DataType.MARKET_DATA), ConfluentFraming.header(ID)).encode(Events.market());
    }

    @Test
    void aRegistryThatNeverAnswersCostsTheStreamThreadOneWaitThenFailsFast() throws Exception {
        registry = new MisbehavingRegistry(n -> SILENT);
        SchemaRegistryClient client = client(registry.uri(), Duration.ofSeconds(30));
        EventDecoder decoder = EventDecoder.create(DecodeStrategy.ZERO_COPY, new WriterSchemaResolver(client));
        byte[] value = registryFramed();

        MalformedEventException first = catchThrowableOfType(MalformedEventException.class, () -> decoder.decode(value, new EventFields()));
        assertThat(first.reason()).isEqualTo(Reason.REGISTRY_UNAVAILABLE);
        assertThat(first.getMessage()).contains("did not answer schema 7 within 200 ms (the lookup goes on in the background)");
        // ten thousand more records: each fails at once, none waits or sends a request
        for (int i = 0; i < 10_000; i++) {
            MalformedEventException e = catchThrowableOfType(MalformedEventException.class, () -> decoder.decode(value, new EventFields()));
            assertThat(e.getMessage()).contains("unavailable (no answer within 200 ms)");
        }
        assertThat(client.requestsSent()).isEqualTo(1);
    }

    /** Answers as {@link #ANSWERS} does, after the given pause: a cold registry, or a cold client on a loaded machine. */
    static Behaviour answersAfter(Duration pause) {
        return socket -> {
            LockSupport.parkNanos(pause.toNanos());
            ANSWERS.serve(socket);
        };
    }

    @Test
    void theFirstAnswerMayTakeLongerThanTheCallerWaitLaterOnesMayNot() throws Exception {
        registry = new MisbehavingRegistry(n -> answersAfter(Duration.ofMillis(1500)));
        SchemaRegistryClient.Settings settings = new SchemaRegistryClient.Settings(Duration.ofSeconds(5), 1, Duration.ofMillis(50),
                Duration.ofMillis(1), Duration.ofSeconds(30), 10, Duration.ofMillis(200), Duration.ofSeconds(10), 64 * 1024);
        SchemaRegistryClient client = new SchemaRegistryClient(registry.uri(), settings, NanoClock.system());
        EventDecoder decoder = EventDecoder.create(DecodeStrategy.ZERO_COPY, new WriterSchemaResolver(client));

        // the first lookup waits past the caller wait for the registry's first answer: the record decodes
        EventFields fields = new EventFields();
        decoder.decode(registryFramed(), fields);
        assertThat(fields.dataType()).isEqualTo(DataType.MARKET_DATA);
        // answered once: a schema not seen yet gets the caller wait only
        RegistryUnavailableException later = catchThrowableOfType(RegistryUnavailableException.class, () -> client.schemaById(ID + 1));
        assertThat(later.getMessage()).contains("did not answer schema " + (ID + 1) + " within 200 ms");

        // without the longer first wait, the same slow first answer dead-letters the first record
        SchemaRegistryClient impatient = new SchemaRegistryClient(registry.uri(), new SchemaRegistryClient.Settings(Duration.ofSeconds(5), 1,
                Duration.ofMillis(50), Duration.ofMillis(1), Duration.ofSeconds(30), 10, Duration.ofMillis(200), 64 * 1024), NanoClock.system());
        MalformedEventException first = catchThrowableOfType(MalformedEventException.class,
                () -> EventDecoder.create(DecodeStrategy.ZERO_COPY, new WriterSchemaResolver(impatient)).decode(registryFramed(), new EventFields()));
        assertThat(first.reason()).isEqualTo(Reason.REGISTRY_UNAVAILABLE);
        assertThatThrownBy(() -> new SchemaRegistryClient.Settings(Duration.ofSeconds(5), 1, Duration.ofMillis(50), Duration.ofMillis(1),
                Duration.ofSeconds(30), 10, Duration.ofSeconds(2), Duration.ofSeconds(1), 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than callerWait");
    }

    @Test
    void headersWithoutTheBodyAndAnEndlessBodyAreBoundedAndARegistryThatAnswersLaterIsUsedAgain() throws Exception {
        // connection 0: headers then nothing; 1: an endless body; then proper answers
        registry = new MisbehavingRegistry(n -> n == 0 ? HEADERS_THEN_NOTHING : n == 1 ? ENDLESS_BODY : ANSWERS);
        SchemaRegistryClient client = new SchemaRegistryClient(registry.uri(), new SchemaRegistryClient.Settings(Duration.ofSeconds(1), 2,
                Duration.ofMillis(50), Duration.ofMillis(1), Duration.ofSeconds(30), 10, Duration.ofSeconds(20), 64 * 1024), NanoClock.system());

        RegistryUnavailableException bounded = catchThrowableOfType(RegistryUnavailableException.class, () -> client.schemaById(ID));
        assertThat(bounded.getMessage()).contains("did not answer after 2 attempts")
                .contains("answer larger than 65536 bytes (more than that arrived); not read");
        assertThat(registry.connections.get()).isEqualTo(2);
        // the failure counted the registry unavailable for 1 ms (unavailableFor): a lookup inside that
        // window fails at once without a request, which is the point of the window, so wait it out
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));

        // the third connection answers: the schema is read and cached
        assertThat(client.schemaById(ID).getFullName()).isEqualTo("lab.performance.observatory.events.MarketData");
        assertThat(client.schemaById(ID).getFullName()).isEqualTo("lab.performance.observatory.events.MarketData");
        assertThat(client.requestsSent()).isEqualTo(3);
    }

    @Test
    void aLookupAnsweredAfterTheCallerGaveUpMakesTheRegistryAvailableAgain() throws Exception {
        // connection 0 is silent (the attempt times out after 1 s, on the lookup thread), connection 1 answers
        registry = new MisbehavingRegistry(n -> n == 0 ? SILENT : ANSWERS);
        SchemaRegistryClient client = client(registry.uri(), Duration.ofMinutes(10));
        RegistryUnavailableException gaveUp = catchThrowableOfType(RegistryUnavailableException.class, () -> client.schemaById(ID));
        assertThat(gaveUp.getMessage()).contains("within 200 ms");
        // counted unavailable for ten minutes, yet the background lookup's second attempt gets the answer,
        // after which the registry is available and the schema cached
        while (true) {
            try {
                assertThat(client.schemaById(ID).getFullName()).endsWith("MarketData");
                break;
            } catch (RegistryUnavailableException stillWaiting) {
                assertThat(stillWaiting.getMessage()).contains("unavailable");
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        assertThat(client.requestsSent()).isEqualTo(2);
    }
}
