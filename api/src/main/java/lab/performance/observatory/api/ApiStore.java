package lab.performance.observatory.api;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.RunStore;

/** The store the API reads, on Quarkus's datasource, migrated before the first request; what it executes is counted on /q/metrics. */
@ApplicationScoped
public class ApiStore {

    @Produces
    @Singleton
    RunStore store(AgroalDataSource dataSource, MeterRegistry registry) {
        ObservatoryDatabase.migrate(dataSource);
        RunStore store = new RunStore(dataSource);
        FunctionCounter.builder("observatory.api.store.statements", store, RunStore::statementsExecuted)
                .description("SQL statements the API's store executed (a batch counts once)").register(registry);
        return store;
    }
}
