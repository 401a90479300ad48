package lab.performance.observatory.cdc;

import java.util.Map;

/**
 * One row change as Debezium streamed it, in plain Java (no Connect types past {@link ChangeStream}).
 *
 * @param op           what happened to the row
 * @param table        schema-qualified table
 * @param before       the row before (for a delete: its key columns, or all of them under REPLICA IDENTITY FULL); null for an insert
 * @param after        the row after; null for a delete
 * @param commitMicros when its transaction committed on the server, epoch microseconds
 * @param lsn          its position in the WAL
 * @param txId         its transaction
 */
public record Change(Op op, String table, Map<String, Object> before, Map<String, Object> after, long commitMicros, long lsn, long txId) {

    public enum Op {
        INSERT, UPDATE, DELETE
    }

    /** A column of the row as it is now (after), or as it was for a delete (before). */
    public Object column(String name) {
        Map<String, Object> row = after != null ? after : before;
        return row == null ? null : row.get(name);
    }
}
