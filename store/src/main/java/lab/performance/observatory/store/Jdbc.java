package lab.performance.observatory.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import lab.performance.observatory.core.spec.DataType;

/**
 * The one JDBC loop of the store: a statement with parameters, its rows mapped one by one, or a
 * batch of items bound one by one. {@link Instant} parameters become timestamps, null becomes SQL NULL.
 */
final class Jdbc {

    static final ObjectMapper JSON = new ObjectMapper();
    static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() { };

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    interface Binder<T> {
        /** Sets the parameters of one batch entry for {@code item}. */
        void bind(PreparedStatement s, T item) throws SQLException;
    }

    private final DataSource dataSource;
    private final java.util.concurrent.atomic.LongAdder statements = new java.util.concurrent.atomic.LongAdder();

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Statements executed through this helper so far (a batch counts once: it is one round trip). */
    long statements() {
        return statements.sum();
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** @return rows changed */
    int update(String sql, Object... params) throws SQLException {
        statements.increment();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            return s.executeUpdate();
        }
    }

    <T> List<T> query(String sql, Row<T> row, Object... params) throws SQLException {
        List<T> out = new ArrayList<>();
        forEach(sql, row, out::add, params);
        return out;
    }

    /** Each row mapped and handed over as it is read (in batches of 1,000 from the server), so no result is held whole. */
    <T> void forEach(String sql, Row<T> row, java.util.function.Consumer<T> each, Object... params) throws SQLException {
        statements.increment();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // PostgreSQL's driver fetches in batches only inside a transaction
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, params);
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        each.accept(row.map(rs));
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    <T> Optional<T> queryOne(String sql, Row<T> row, Object... params) throws SQLException {
        List<T> rows = query(sql, row, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    <T> void batch(String sql, Collection<T> items, Binder<T> binder) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        statements.increment();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (T item : items) {
                binder.bind(s, item);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            if (p == null) {
                s.setNull(i + 1, Types.VARCHAR);
            } else if (p instanceof Instant instant) {
                s.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (p instanceof String[] texts) {
                s.setArray(i + 1, s.getConnection().createArrayOf("text", texts));
            } else {
                s.setObject(i + 1, p);
            }
        }
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static DataType dataType(String wireName) {
        return DataType.fromWireName(wireName).orElseThrow(() -> new IllegalStateException("unknown stored event type " + wireName));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T fromJson(String text, TypeReference<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T> T fromJson(String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
