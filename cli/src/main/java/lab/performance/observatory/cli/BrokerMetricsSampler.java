package lab.performance.observatory.cli;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import lab.performance.observatory.core.report.BrokerSample;
import lab.performance.observatory.core.time.NanoClock;
import lab.performance.observatory.process.PeriodicSampler;

/**
 * Reads the broker's own metrics over JMX once a second: bytes and messages in and out
 * (BrokerTopicMetrics) and produce and fetch request time (RequestMetrics TotalTimeMs). The
 * cumulative counts let the report compute rates and mean request time over any interval.
 */
final class BrokerMetricsSampler extends PeriodicSampler {

    private static final String TOPICS = "kafka.server:type=BrokerTopicMetrics,name=";
    private static final String REQUESTS = "kafka.network:type=RequestMetrics,name=TotalTimeMs,request=";

    private final JMXConnector connector;
    private final MBeanServerConnection server;
    private final List<BrokerSample> samples = new ArrayList<>();
    private volatile String lastError;

    private BrokerMetricsSampler(JMXConnector connector, NanoClock clock) throws IOException {
        super(clock, Duration.ofSeconds(1), "broker-metrics");
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    static BrokerMetricsSampler connect(ChildSecrets.Jmx jmx, NanoClock clock) throws IOException {
        JMXServiceURL url = new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmx.port() + "/jmxrmi");
        return new BrokerMetricsSampler(JMXConnectorFactory.connect(url,
                java.util.Map.of(JMXConnector.CREDENTIALS, new String[] {jmx.user(), jmx.password()})), clock);
    }

    @Override
    public void sampleNow() {
        try {
            BrokerSample s = new BrokerSample(Instant.ofEpochSecond(0, clock().epochNanos()),
                    number(TOPICS + "BytesInPerSec", "Count"), number(TOPICS + "BytesOutPerSec", "Count"),
                    number(TOPICS + "MessagesInPerSec", "Count"),
                    (long) number(REQUESTS + "Produce", "Count"),
                    number(REQUESTS + "Produce", "Count") * number(REQUESTS + "Produce", "Mean"),
                    number(REQUESTS + "Produce", "99thPercentile"),
                    (long) number(REQUESTS + "Fetch", "Count"),
                    number(REQUESTS + "Fetch", "Count") * number(REQUESTS + "Fetch", "Mean"),
                    number(REQUESTS + "Fetch", "99thPercentile"));
            synchronized (samples) {
                samples.add(s);
            }
        } catch (IOException | RuntimeException | javax.management.JMException e) {
            lastError = e.toString();
        }
    }

    /** A metric the broker has not registered yet (no traffic of that kind so far) reads as 0. */
    private double number(String name, String attribute) throws IOException, javax.management.JMException {
        ObjectName object = new ObjectName(name);
        if (!server.isRegistered(object)) {
            return 0;
        }
        return ((Number) server.getAttribute(object, attribute)).doubleValue();
    }

    List<BrokerSample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    String lastError() {
        return lastError;
    }

    @Override
    public void close() {
        super.close();
        try {
            connector.close();
        } catch (IOException ignored) {
            // the broker may already be gone
        }
    }
}
