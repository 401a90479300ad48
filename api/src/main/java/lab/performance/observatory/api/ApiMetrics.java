package lab.performance.observatory.api;

import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import lab.performance.observatory.observe.PrometheusNaming;

/** The API's /q/metrics follow the naming every component's do (see {@link PrometheusNaming}). */
@ApplicationScoped
public class ApiMetrics {

    @Produces
    @Singleton
    MeterFilter prometheusNaming() {
        return PrometheusNaming.filter();
    }
}
