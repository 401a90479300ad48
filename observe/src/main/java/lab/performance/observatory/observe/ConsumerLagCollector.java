package lab.performance.observatory.observe;

import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;
import java.util.ArrayList;
import java.util.List;
import lab.performance.observatory.core.lag.GroupLag;
import lab.performance.observatory.core.lag.PartitionLag;

/**
 * Exact consumer lag as Prometheus series, read from Kafka when scraped (docs/architecture.md,
 * "Consumer lag"). Per group, topic and partition: {@code observatory_consumer_lag_records},
 * {@code observatory_consumer_lag_seconds} and, only while the backlog shrinks,
 * {@code observatory_consumer_lag_drain_eta_seconds}; per group the same three over all its
 * partitions; and what reading cost. Scrapes are serialised: the reader keeps one consumer.
 */
public final class ConsumerLagCollector extends Collector {

    private static final List<String> PARTITION = List.of("group", "topic", "partition");
    private static final List<String> GROUP = List.of("group");

    private final KafkaLagReader reader;

    public ConsumerLagCollector(KafkaLagReader reader) {
        this.reader = reader;
    }

    @Override
    public synchronized List<MetricFamilySamples> collect() {
        KafkaLagReader.Read read;
        try {
            read = reader.readWithCost();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        return samples(read.groups(), read.cost(), read.fetchesTotal());
    }

    static List<MetricFamilySamples> samples(List<GroupLag> groups, KafkaLagReader.Cost cost, long fetchesTotal) {
        GaugeMetricFamily records = new GaugeMetricFamily("observatory_consumer_lag_records",
                "Records a consumer group has not consumed: end offset minus committed offset", PARTITION);
        GaugeMetricFamily seconds = new GaugeMetricFamily("observatory_consumer_lag_seconds",
                "Age of the oldest unconsumed record: now minus the timestamp of the record at the committed offset (0 when caught up)",
                PARTITION);
        GaugeMetricFamily eta = new GaugeMetricFamily("observatory_consumer_lag_drain_eta_seconds",
                "Seconds until the backlog is consumed at the current rates: lag / (consume rate - produce rate); only while shrinking",
                PARTITION);
        GaugeMetricFamily groupRecords = new GaugeMetricFamily("observatory_consumer_group_lag_records",
                "Records a consumer group has not consumed, over all its partitions", GROUP);
        GaugeMetricFamily groupSeconds = new GaugeMetricFamily("observatory_consumer_group_lag_seconds",
                "Age of the group's oldest unconsumed record over all its partitions", GROUP);
        GaugeMetricFamily groupEta = new GaugeMetricFamily("observatory_consumer_group_lag_drain_eta_seconds",
                "Seconds until the group's whole backlog is consumed at the current rates; only while shrinking", GROUP);
        GaugeMetricFamily consumed = new GaugeMetricFamily("observatory_consumer_group_consumed_records_per_second",
                "How fast the group's committed offsets moved over the last 10 seconds", GROUP);
        for (GroupLag g : groups) {
            for (PartitionLag p : g.partitions()) {
                List<String> labels = List.of(p.group(), p.topic(), Integer.toString(p.partition()));
                records.addMetric(labels, p.lagRecords());
                p.lagSeconds().ifPresent(s -> seconds.addMetric(labels, s));
                p.drainSeconds().ifPresent(s -> eta.addMetric(labels, s));
            }
            List<String> labels = List.of(g.group());
            groupRecords.addMetric(labels, g.lagRecords());
            g.lagSeconds().ifPresent(s -> groupSeconds.addMetric(labels, s));
            g.drainSeconds().ifPresent(s -> groupEta.addMetric(labels, s));
            consumed.addMetric(labels, g.consumedPerSecond());
        }
        List<MetricFamilySamples> out = new ArrayList<>(List.of(records, seconds, eta, groupRecords, groupSeconds, groupEta, consumed));
        GaugeMetricFamily partitions = new GaugeMetricFamily("observatory_lag_exporter_partitions",
                "Partitions the last scrape read offsets for", List.of());
        partitions.addMetric(List.of(), cost.partitions());
        GaugeMetricFamily fetches = new GaugeMetricFamily("observatory_lag_exporter_last_fetches",
                "Partitions the last scrape fetched one record from, for its timestamp", List.of());
        fetches.addMetric(List.of(), cost.fetches());
        GaugeMetricFamily took = new GaugeMetricFamily("observatory_lag_exporter_last_scrape_duration_seconds",
                "Wall time the last scrape spent reading Kafka", List.of());
        took.addMetric(List.of(), cost.took().toNanos() / 1e9);
        CounterMetricFamily fetched = new CounterMetricFamily("observatory_lag_exporter_record_fetches",
                "Partitions fetched one record from, for its timestamp, since the exporter started", List.of());
        fetched.addMetric(List.of(), fetchesTotal);
        out.addAll(List.of(partitions, fetches, took, fetched));
        return out;
    }
}
