package lab.performance.observatory.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.spec.DataType;
import org.junit.jupiter.api.Test;

class AuditTest {

    @Test
    void countsThatAddUpAgreeAndRepeatedDeadLettersAreRecognised() {
        RunReport.Audit audit = Audit.judge(List.of(new TopicCount(DataType.MARKET_DATA, 10_000, 102, 100),
                        new TopicCount(DataType.LOG_EVENT, 500, 0, 0)),
                Map.of(DataType.MARKET_DATA, new Audit.Counted(10_000, 9_900, 100), DataType.LOG_EVENT, new Audit.Counted(500, 500, 0)));
        assertThat(audit.verdict()).isEqualTo("agrees");
        assertThat(audit.discrepancies()).isEmpty();
        assertThat(audit.duplicates()).isZero();
        assertThat(audit.deadLetterRepeats()).isEqualTo(2);
        assertThat(audit.byType().get("market_data")).isEqualTo(new RunReport.AuditLine(10_000, 10_000, 9_900, 100, 102, 2));
    }

    @Test
    void everyWayTheCountsCanDisagreeIsNamed() {
        // the generator counted one acknowledgement the broker does not hold; the topology counted 3 twice
        RunReport.Audit twice = Audit.judge(List.of(new TopicCount(DataType.IOT_SENSOR, 1_000, 10, 10)),
                Map.of(DataType.IOT_SENSOR, new Audit.Counted(1_001, 993, 10)));
        assertThat(twice.verdict()).isEqualTo("disagrees");
        assertThat(twice.duplicates()).isEqualTo(3);
        assertThat(twice.discrepancies()).containsExactly(
                "iot_sensor: the input topics hold 1000 records, the generator counted 1001 acknowledged",
                "iot_sensor: processed + dead-lettered = 1003 but the input topics hold 1000 (3 counted twice)");

        // records nobody counted, and dead letters the topic does not have
        RunReport.Audit lost = Audit.judge(List.of(new TopicCount(DataType.CDC, 1_000, 4, 4)),
                Map.of(DataType.CDC, new Audit.Counted(1_000, 980, 5)));
        assertThat(lost.duplicates()).isZero();
        assertThat(lost.discrepancies()).containsExactly(
                "cdc: processed + dead-lettered = 985 but the input topics hold 1000 (15 not counted)",
                "cdc: the dead-letter topic holds 4 distinct records of the run, 5 were counted dead-lettered");

        // a type Kafka holds that the run never counted
        assertThat(Audit.judge(List.of(new TopicCount(DataType.LOG_EVENT, 7, 0, 0)), Map.of()).discrepancies()).hasSize(2);
    }

    @Test
    void withoutCountsThereIsNoVerdictAndTheReportSaysWhy() {
        RunReport.Audit none = Audit.judge(List.of(), Map.of(DataType.MARKET_DATA, new Audit.Counted(1, 1, 0)));
        assertThat(none.verdict()).isEqualTo("not-audited");
        assertThat(none.discrepancies()).containsExactly("no count of the run's topics was stored");
        assertThat(Audit.notAudited("Kafka did not answer").discrepancies()).containsExactly("Kafka did not answer");
    }
}
