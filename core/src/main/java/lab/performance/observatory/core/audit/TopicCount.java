package lab.performance.observatory.core.audit;

import lab.performance.observatory.core.spec.DataType;

/**
 * What Kafka itself holds of one event type of a run, counted apart from everything the generator
 * and the topology report (docs/reliability.md, "The auditor"): the records in its input topics
 * (end offset minus the run's first offset, every partition), the run's records in the dead-letter
 * topic that came from them, and how many distinct input records those were (a dead-letter record
 * forwarded again after a crash names the same origin).
 */
public record TopicCount(DataType type, long inTopics, long deadLetterRecords, long deadLetterOrigins) {
}
