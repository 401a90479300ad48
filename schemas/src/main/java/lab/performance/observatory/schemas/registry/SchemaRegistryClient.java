package lab.performance.observatory.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import lab.performance.observatory.core.http.BoundedBody;
import lab.performance.observatory.core.time.NanoClock;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * A client of the Confluent-compatible schema registry API ({@code /apis/ccompat/v7} on Apicurio,
 * the root on Confluent's). Lookups by id are cached (bounded, least recently used out); failures
 * are retried a bounded number of times, after which the registry counts as unavailable for a
 * short while so that a down registry costs each record one map lookup, not a timeout.
 *
 * <p>A lookup runs on the client's own thread; the caller that starts it (a stream thread) waits
 * for it at most {@link Settings#callerWait()}, and a caller that finds one still going does not
 * wait at all. A registry that accepts connections and never answers therefore costs the stream
 * thread that long once per lookup started, then nothing while it counts as unavailable or the
 * lookup is still going; the lookup carries on in the background and, when it is answered, the
 * registry is available again. Until the registry has answered this client once, the wait is
 * longer ({@link Settings#firstCallerWait()}): the first answer pays for a cold registry and a cold
 * JVM (a topology just started or restarted on a loaded machine), and a valid record is dead-lettered
 * for a slow registry only when the registry really is stalled. Every
 * answer is read through {@link BoundedBody} and each attempt is bounded in time, body included
 * (docs/reliability.md). Thread-safe.
 */
public final class SchemaRegistryClient implements SchemaIdLookup {

    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the client behaves under failure. */
    public record Settings(Duration requestTimeout, int attempts, Duration backoff, Duration unavailableFor,
                           Duration rememberUnknownFor, int cacheSize, Duration callerWait, Duration firstCallerWait, int maxAnswerBytes) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(2), 3, Duration.ofMillis(100),
                Duration.ofSeconds(5), Duration.ofSeconds(30), 1000, Duration.ofSeconds(1), Duration.ofSeconds(5), 1 << 20);

        public Settings {
            if (firstCallerWait.compareTo(callerWait) < 0) {
                throw new IllegalArgumentException("firstCallerWait " + firstCallerWait + " is shorter than callerWait " + callerWait);
            }
        }

        /** With the default caller waits (1 s, 5 s before the first answer) and answer limit (1 MiB). */
        public Settings(Duration requestTimeout, int attempts, Duration backoff, Duration unavailableFor,
                        Duration rememberUnknownFor, int cacheSize) {
            this(requestTimeout, attempts, backoff, unavailableFor, rememberUnknownFor, cacheSize, DEFAULT.callerWait(),
                    DEFAULT.firstCallerWait(), DEFAULT.maxAnswerBytes());
        }

        /** The same caller wait before the first answer as after it. */
        public Settings(Duration requestTimeout, int attempts, Duration backoff, Duration unavailableFor,
                        Duration rememberUnknownFor, int cacheSize, Duration callerWait, int maxAnswerBytes) {
            this(requestTimeout, attempts, backoff, unavailableFor, rememberUnknownFor, cacheSize, callerWait, callerWait, maxAnswerBytes);
        }
    }

    private final URI base;
    private final Settings settings;
    private final NanoClock clock;
    private final HttpClient http;
    private final Map<Integer, Schema> byId;
    private final Map<Integer, Long> unknownUntil = new LinkedHashMap<>();
    private final Map<Integer, Future<Schema>> inFlight = new HashMap<>();
    private final ExecutorService lookups = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "schema-registry-lookup");
        thread.setDaemon(true);
        return thread;
    });
    private final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
    private volatile long unavailableUntil;
    private volatile boolean answered;
    private volatile String lastFailure = "";

    public SchemaRegistryClient(URI base, Settings settings, NanoClock clock) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.settings = settings;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
        this.unavailableUntil = clock.nanoTime();
        int max = settings.cacheSize();
        this.byId = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Schema> eldest) {
                return size() > max;
            }
        };
    }

    public URI base() {
        return base;
    }

    /** HTTP requests sent so far, retries included: what a down registry costs is bounded by this. */
    public long requestsSent() {
        return requests.get();
    }

    /** Registers a schema under a subject (idempotent: the same schema gets the same id) and returns its id. */
    public int register(String subject, Schema schema) throws RegistryUnavailableException {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("schema", schema.toString());
        HttpRequest request = HttpRequest.newBuilder(base.resolve("subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8) + "/versions"))
                .timeout(settings.requestTimeout())
                .header("Content-Type", CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() / 100 != 2) {
            throw new RegistryUnavailableException("registering " + subject + " failed: HTTP " + response.statusCode() + " " + response.body(), null);
        }
        try {
            return JSON.readTree(response.body()).path("id").asInt();
        } catch (IOException e) {
            throw new RegistryUnavailableException("unreadable answer registering " + subject + ": " + response.body(), e);
        }
    }

    /** The schema registered with this id. */
    @Override
    public Schema schemaById(int id) throws UnknownSchemaIdException, RegistryUnavailableException {
        synchronized (byId) {
            Schema cached = byId.get(id);
            if (cached != null) {
                return cached;
            }
            Long unknown = unknownUntil.get(id);
            if (unknown != null && clock.nanoTime() - unknown < 0) {
                throw new UnknownSchemaIdException(id);
            }
        }
        if (clock.nanoTime() - unavailableUntil < 0) {
            throw new RegistryUnavailableException("registry " + base + " unavailable (" + lastFailure + ")", null);
        }
        Future<Schema> lookup;
        boolean started;
        synchronized (byId) {
            lookup = inFlight.get(id);
            started = lookup == null;
            if (started) {
                lookup = lookups.submit(() -> fetch(id));
                inFlight.put(id, lookup);
            }
        }
        if (!started && !lookup.isDone()) {
            throw new RegistryUnavailableException("registry " + base + " has not answered schema " + id + " yet (still asking)", null);
        }
        Duration wait = answered ? settings.callerWait() : settings.firstCallerWait();
        try {
            return lookup.get(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            markUnavailable("no answer within " + wait.toMillis() + " ms");
            throw new RegistryUnavailableException("registry " + base + " did not answer schema " + id + " within "
                    + wait.toMillis() + " ms (the lookup goes on in the background)", null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownSchemaIdException unknown) {
                throw unknown;
            }
            if (e.getCause() instanceof RegistryUnavailableException unavailable) {
                throw unavailable;
            }
            throw new RegistryUnavailableException("looking up schema " + id + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted waiting for schema " + id, e);
        }
    }

    /** Runs on the lookup thread. */
    private Schema fetch(int id) throws UnknownSchemaIdException, RegistryUnavailableException {
        try {
            return fetchOnce(id);
        } finally {
            synchronized (byId) {
                inFlight.remove(id);
            }
        }
    }

    private Schema fetchOnce(int id) throws UnknownSchemaIdException, RegistryUnavailableException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("schemas/ids/" + id))
                .timeout(settings.requestTimeout())
                .header("Accept", CONTENT_TYPE)
                .GET()
                .build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 404) {
            answered = true;
            synchronized (byId) {
                if (unknownUntil.size() >= settings.cacheSize()) {
                    unknownUntil.clear();
                }
                unknownUntil.put(id, clock.nanoTime() + settings.rememberUnknownFor().toNanos());
            }
            throw new UnknownSchemaIdException(id);
        }
        if (response.statusCode() / 100 != 2) {
            markUnavailable("HTTP " + response.statusCode());
            throw new RegistryUnavailableException("registry " + base + " answered HTTP " + response.statusCode() + " for schema " + id, null);
        }
        Schema schema;
        try {
            JsonNode answer = JSON.readTree(response.body());
            schema = new Schema.Parser().parse(answer.path("schema").asText());
        } catch (IOException | SchemaParseException e) {
            throw new RegistryUnavailableException("registry " + base + " returned an unreadable schema for id " + id, e);
        }
        synchronized (byId) {
            byId.put(id, schema);
        }
        answered = true;
        unavailableUntil = clock.nanoTime(); // it answered: available again, whatever a caller concluded while waiting
        return schema;
    }

    private HttpResponse<String> send(HttpRequest request) throws RegistryUnavailableException {
        IOException last = null;
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            try {
                requests.incrementAndGet();
                HttpResponse<String> response = BoundedBody.send(http, request, settings.maxAnswerBytes(), settings.requestTimeout());
                if (response.statusCode() < 500) {
                    return response;
                }
                last = new IOException("HTTP " + response.statusCode());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted calling " + request.uri(), e);
            }
            if (attempt < settings.attempts()) {
                clock.parkUntil(clock.nanoTime() + settings.backoff().toNanos() * attempt);
            }
        }
        markUnavailable(String.valueOf(last));
        throw new RegistryUnavailableException("registry " + base + " did not answer after " + settings.attempts() + " attempts: " + last, last);
    }

    private void markUnavailable(String why) {
        lastFailure = why;
        unavailableUntil = clock.nanoTime() + settings.unavailableFor().toNanos();
    }
}
