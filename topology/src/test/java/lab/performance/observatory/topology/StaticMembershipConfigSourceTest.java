package lab.performance.observatory.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class StaticMembershipConfigSourceTest {

    @Test
    void aNamedInstanceBecomesAStaticGroupMemberAndAnUnnamedOneStaysDynamic() {
        assertThat(new StaticMembershipConfigSource(Map.of("OBSERVATORY_TOPOLOGY_INSTANCE_ID", "e2e-topology-7c9f-abcde")).getProperties())
                .containsExactly(Map.entry("kafka-streams.group.instance.id", "e2e-topology-7c9f-abcde"));
        assertThat(new StaticMembershipConfigSource(Map.of()).getPropertyNames()).isEmpty();
        assertThat(new StaticMembershipConfigSource(Map.of("OBSERVATORY_TOPOLOGY_INSTANCE_ID", " ")).getValue("kafka-streams.group.instance.id"))
                .isNull();
    }
}
