package lab.performance.observatory.observe;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import lab.performance.observatory.core.lag.GroupLag;
import lab.performance.observatory.core.time.NanoClock;

/**
 * The consumer-lag exporter: {@link ConsumerLagCollector} over a {@link KafkaLagReader} on a
 * {@link MetricsServer}. The same class runs beside a local run (inside the CLI) and as its own
 * Deployment on k3s ({@link LagExporterMain}), so the series and their names are the same in both.
 */
public final class LagExporter implements AutoCloseable {

    private final KafkaLagReader reader;
    private final MetricsServer server;

    private LagExporter(KafkaLagReader reader, MetricsServer server) {
        this.reader = reader;
        this.server = server;
    }

    /** @param groups which consumer groups to export */
    public static LagExporter start(String bootstrapServers, Predicate<String> groups, String host, int port, NanoClock clock)
            throws IOException {
        KafkaLagReader reader = KafkaLagReader.connect(bootstrapServers, groups, clock);
        try {
            MetricsServer server = MetricsServer.start(host, port);
            new ConsumerLagCollector(reader).register(server.registry().getPrometheusRegistry());
            return new LagExporter(reader, server);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** The exported groups' lag now, read the way a scrape reads it (and sharing its cache). */
    public List<GroupLag> read() throws InterruptedException {
        return reader.read();
    }

    public String url() {
        return server.url();
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
        reader.close();
    }
}
