package lab.performance.observatory.api;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import lab.performance.observatory.store.ObservatoryDatabase;
import lab.performance.observatory.store.RunStore;

/** The store the API reads, on Quarkus's datasource, migrated before the first request. */
@ApplicationScoped
public class ApiStore {

    @Produces
    @Singleton
    RunStore store(AgroalDataSource dataSource) {
        ObservatoryDatabase.migrate(dataSource);
        return new RunStore(dataSource);
    }
}
