package lab.performance.observatory.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboards as Grafana models (their queries are proven against real data in the ITs that run the pipeline). */
class DashboardModelTest {

    @Test
    void everyDashboardIsProvisionableWithUniquePanelIdsAndTemplatedDatasources() throws Exception {
        List<Dashboards> all = Dashboards.all();
        assertThat(all).extracting(Dashboards::name).containsExactlyInAnyOrder("benchmark-history.json", "consumer-lag.json",
                "operator.json", "pipeline-overview.json", "resources.json");
        for (Dashboards d : all) {
            assertThat(d.problems()).as(d.name()).isEmpty();
            assertThat(d.queries()).as(d.name()).isNotEmpty();
        }
        assertThat(all.stream().map(d -> d.model().path("uid").asText()).distinct()).hasSize(all.size());
    }

    @Test
    void theProvisioningNamesBothDatasourceTypesTheDashboardsAskFor() throws Exception {
        String datasources = Files.readString(Dashboards.directory().resolveSibling("provisioning/datasources/observatory.yaml"));
        assertThat(datasources).contains("type: prometheus").contains("type: grafana-postgresql-datasource");
        String providers = Files.readString(Dashboards.directory().resolveSibling("provisioning/dashboards/observatory.yaml"));
        assertThat(providers).contains("type: file").contains("path: /var/lib/grafana/dashboards/observatory");
    }

    @Test
    void variablesAndMacrosExpandAsGrafanaExpandsThem() {
        Instant from = Instant.parse("2026-12-02T10:00:00Z");
        Instant to = from.plusSeconds(90);
        assertThat(Dashboards.substitute("rate(x{t=~\"$type\"}[$__rate_interval]) + increase(y[$__range])", Map.of("type", "market_data"), from, to))
                .isEqualTo("rate(x{t=~\"market_data\"}[5s]) + increase(y[90s])");
        assertThat(Dashboards.substitute("WHERE b IN ($benchmark) AND $__timeFilter(r.created_at)", Map.of("benchmark", "'a'"), from, to))
                .isEqualTo("WHERE b IN ('a') AND r.created_at BETWEEN '2026-12-02T10:00:00Z' AND '2026-12-02T10:01:30Z'");
        assertThatThrownBy(() -> Dashboards.substitute("x{g=\"$group\"}", Map.of(), from, to)).hasMessageContaining("unresolved");
    }
}
