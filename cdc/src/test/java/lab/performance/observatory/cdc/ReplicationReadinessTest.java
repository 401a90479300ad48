package lab.performance.observatory.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplicationReadinessTest {

    static final ReplicationReadiness READY = new ReplicationReadiness("logical", 8, 1, 8, 0, true, 170_006);

    @Test
    void aServerWithLogicalWalFreeSlotsAndAReplicatingRoleIsReady() {
        assertThat(READY.problems()).isEmpty();
    }

    @Test
    void eachMissingSettingIsOneLineNamingIt() {
        assertThat(new ReplicationReadiness("replica", 8, 0, 8, 0, true, 170_006).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith("wal_level is replica: CDC sources need wal_level = logical"));
        assertThat(new ReplicationReadiness("logical", 4, 4, 8, 0, true, 170_006).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith("max_replication_slots is 4 and 4 in use"));
        assertThat(new ReplicationReadiness("logical", 4, 0, 0, 0, true, 170_006).problems()).singleElement()
                .satisfies(p -> assertThat(p).startsWith("max_wal_senders is 0 and 0 in use"));
        assertThat(new ReplicationReadiness("logical", 4, 0, 4, 0, false, 170_006).problems()).singleElement()
                .satisfies(p -> assertThat(p).contains("WITH REPLICATION"));
        assertThat(new ReplicationReadiness("logical", 4, 0, 4, 0, true, 90_624).problems()).singleElement()
                .satisfies(p -> assertThat(p).isEqualTo("PostgreSQL 9 has no pgoutput: CDC sources need PostgreSQL 10 or later"));
        assertThat(new ReplicationReadiness("minimal", 0, 0, 0, 0, false, 170_006).problems()).hasSize(4);
    }
}
