package lab.performance.observatory.core.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import lab.performance.observatory.core.report.RunReport;
import lab.performance.observatory.core.spec.DataType;

/**
 * The auditor's verdict (docs/reliability.md): per event type, what Kafka holds ({@link TopicCount})
 * against what the run counted, the generator's acknowledged sends and the topology's processed and
 * dead-lettered events in PostgreSQL. It agrees when, for every type, the input topics hold exactly
 * what the generator counted as sent, processed plus dead-lettered equals that, and the dead-letter
 * topic holds exactly the dead-lettered events, repeats of one origin recognised as such. Pure.
 */
public final class Audit {

    public static final String AGREES = "agrees";
    public static final String DISAGREES = "disagrees";
    public static final String NOT_AUDITED = "not-audited";

    private Audit() {
    }

    /** What the run counted of one type, from PostgreSQL. */
    public record Counted(long generated, long processed, long deadLettered) {
    }

    /** A run whose topics could not be counted: no verdict, and why. */
    public static RunReport.Audit notAudited(String why) {
        return new RunReport.Audit(NOT_AUDITED, new TreeMap<>(), List.of(why), 0, 0);
    }

    public static RunReport.Audit judge(List<TopicCount> kafka, Map<DataType, Counted> counted) {
        if (kafka.isEmpty()) {
            return notAudited("no count of the run's topics was stored");
        }
        SortedMap<String, RunReport.AuditLine> byType = new TreeMap<>();
        List<String> discrepancies = new ArrayList<>();
        long duplicates = 0;
        long deadLetterRepeats = 0;
        for (TopicCount k : kafka) {
            Counted c = counted.getOrDefault(k.type(), new Counted(0, 0, 0));
            String type = k.type().wireName();
            long stored = c.processed() + c.deadLettered();
            long repeats = k.deadLetterRecords() - k.deadLetterOrigins();
            if (k.inTopics() != c.generated()) {
                discrepancies.add(type + ": the input topics hold " + k.inTopics() + " records, the generator counted "
                        + c.generated() + " acknowledged");
            }
            if (stored != k.inTopics()) {
                discrepancies.add(type + ": processed + dead-lettered = " + stored + " but the input topics hold " + k.inTopics()
                        + (stored > k.inTopics() ? " (" + (stored - k.inTopics()) + " counted twice)" : " (" + (k.inTopics() - stored) + " not counted)"));
            }
            if (k.deadLetterOrigins() != c.deadLettered()) {
                discrepancies.add(type + ": the dead-letter topic holds " + k.deadLetterOrigins() + " distinct records of the run, "
                        + c.deadLettered() + " were counted dead-lettered");
            }
            duplicates += Math.max(0, stored - k.inTopics());
            deadLetterRepeats += repeats;
            byType.put(type, new RunReport.AuditLine(k.inTopics(), c.generated(), c.processed(), c.deadLettered(),
                    k.deadLetterRecords(), repeats));
        }
        return new RunReport.Audit(discrepancies.isEmpty() ? AGREES : DISAGREES, byType, discrepancies, duplicates, deadLetterRepeats);
    }
}
