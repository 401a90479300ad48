package lab.performance.observatory.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresAddressTest {

    @Test
    void theEmbeddedServersUrlAndOneWithAPasswordAndNoPort() {
        assertThat(PostgresAddress.parse("jdbc:postgresql://127.0.0.1:41234/observatory?user=postgres&reWriteBatchedInserts=true",
                Optional.empty(), Optional.empty())).isEqualTo(new PostgresAddress("127.0.0.1", 41234, "observatory", "postgres", ""));
        assertThat(PostgresAddress.parse("jdbc:postgresql://db.bench.svc/obs?user=bench&password=s%26cret", Optional.empty(), Optional.empty()))
                .isEqualTo(new PostgresAddress("db.bench.svc", 5432, "obs", "bench", "s&cret"));
        assertThat(PostgresAddress.parse("jdbc:postgresql://db:5433/obs?user=a", Optional.of("b"), Optional.of("pw")))
                .isEqualTo(new PostgresAddress("db", 5433, "obs", "b", "pw"));
    }

    @Test
    void whatIsNotOneServersUrlIsRefusedWithoutItsPassword() {
        assertThatThrownBy(() -> PostgresAddress.parse("jdbc:mysql://db/obs?password=hunter2", Optional.empty(), Optional.empty()))
                .hasMessageStartingWith("not a PostgreSQL JDBC URL").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PostgresAddress.parse("jdbc:postgresql://a:5432,b:5432/obs", Optional.empty(), Optional.empty()))
                .hasMessageContaining("names several");
        assertThatThrownBy(() -> PostgresAddress.parse("jdbc:postgresql://db:x/obs", Optional.empty(), Optional.empty()))
                .hasMessageContaining("port is not a number");
        assertThatThrownBy(() -> PostgresAddress.parse("jdbc:postgresql://db/", Optional.empty(), Optional.empty()))
                .hasMessageContaining("names no database");
        assertThat(new PostgresAddress("h", 1, "d", "u", "secret").toString()).doesNotContain("secret");
    }

    @Test
    void theCommandLineUrlLosesOnlyThePassword() {
        assertThat(PostgresAddress.withoutPassword("jdbc:postgresql://127.0.0.1:5/obs?user=postgres&password=s%26c&reWriteBatchedInserts=true"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5/obs?user=postgres&reWriteBatchedInserts=true");
        assertThat(PostgresAddress.withoutPassword("jdbc:postgresql://db/obs?password=x")).isEqualTo("jdbc:postgresql://db/obs");
        assertThat(PostgresAddress.withoutPassword("jdbc:postgresql://db/obs")).isEqualTo("jdbc:postgresql://db/obs");
    }
}
