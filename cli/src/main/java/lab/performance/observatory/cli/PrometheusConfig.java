package lab.performance.observatory.cli;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the local Prometheus is told, as text: one scrape job that finds its targets in files under
 * {@code targets/} (each component is added as it starts, at its own port and path), every second;
 * and each target's file. Pure: {@link LocalPrometheus} writes what this renders.
 */
final class PrometheusConfig {

    static final String SCRAPE_INTERVAL = "1s";
    static final String TARGETS_DIR = "targets";

    /** One scrape target: a component's {@code host:port} and metrics path, with the labels its series get. */
    record Target(String job, String address, String metricsPath, Map<String, String> labels) {

        Target {
            labels = new TreeMap<>(labels);
        }

        String fileName() {
            return (job + "-" + address).replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
        }
    }

    private PrometheusConfig() {
    }

    /** {@code prometheus.yml}: scrape every target file's components each second; no targets when browsing stored data. */
    static String yaml(boolean scrape) {
        StringBuilder y = new StringBuilder("""
                # Written by observatory: the local Prometheus of `observatory run --prometheus` (docs/architecture.md, "Metrics").
                global:
                  scrape_interval: %s
                  scrape_timeout: %s
                  evaluation_interval: %s
                """.formatted(SCRAPE_INTERVAL, SCRAPE_INTERVAL, SCRAPE_INTERVAL));
        if (scrape) {
            y.append("""
                    scrape_configs:
                      - job_name: observatory
                        file_sd_configs:
                          - files: ['%s/*.json']
                            refresh_interval: 1s
                    """.formatted(TARGETS_DIR));
        }
        return y.toString();
    }

    /** A file_sd target file: the job and metrics path travel as labels, so one scrape job serves every component. */
    static String targetFile(Target target) {
        Map<String, String> labels = new TreeMap<>(target.labels());
        labels.put("job", target.job());
        labels.put("__metrics_path__", target.metricsPath());
        StringBuilder json = new StringBuilder("[{\"targets\": [\"").append(escape(target.address())).append("\"], \"labels\": {");
        List<Map.Entry<String, String>> entries = List.copyOf(labels.entrySet());
        for (int i = 0; i < entries.size(); i++) {
            json.append(i == 0 ? "" : ", ").append('"').append(escape(entries.get(i).getKey())).append("\": \"")
                    .append(escape(entries.get(i).getValue())).append('"');
        }
        return json.append("}}]\n").toString();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
