package lab.performance.observatory.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The Grafana dashboards in {@code grafana/dashboards/}, read as Grafana reads them, so tests can
 * prove what no Grafana server here can: that the model is sound (current schema, unique panel
 * ids, datasources only through template variables) and that every query, with its template
 * variables resolved the way Grafana resolves them, returns data from the real Prometheus or
 * PostgreSQL after a run.
 */
public final class Dashboards {

    public static final int SCHEMA_VERSION = 39;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");

    /** One query of one panel. */
    public record Query(String dashboard, int panelId, String panel, String kind, String text) {

        public String where() {
            return dashboard + " panel " + panelId + " '" + panel + "'";
        }
    }

    /** The result of running one query: rows or series found, and the query as run. */
    public record Outcome(Query query, String resolved, int found) {
    }

    private final Path file;
    private final JsonNode model;

    private Dashboards(Path file, JsonNode model) {
        this.file = file;
        this.model = model;
    }

    /** The dashboards directory of this checkout, found upwards from the working directory. */
    public static Path directory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("grafana/dashboards"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no grafana/dashboards above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("grafana/dashboards");
    }

    public static List<Dashboards> all() throws IOException {
        try (Stream<Path> files = Files.list(directory())) {
            List<Dashboards> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                out.add(new Dashboards(f, JSON.readTree(f.toFile())));
            }
            return out;
        }
    }

    public static Dashboards named(String fileName) throws IOException {
        Path f = directory().resolve(fileName);
        return new Dashboards(f, JSON.readTree(f.toFile()));
    }

    public String name() {
        return file.getFileName().toString();
    }

    public JsonNode model() {
        return model;
    }

    /** What is wrong with the model as a provisionable dashboard (empty: nothing). */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (model.path("schemaVersion").asInt() < SCHEMA_VERSION) {
            out.add(name() + ": schemaVersion " + model.path("schemaVersion") + " is older than " + SCHEMA_VERSION);
        }
        for (String field : List.of("uid", "title")) {
            if (model.path(field).asText().isBlank()) {
                out.add(name() + ": no " + field);
            }
        }
        Set<String> datasourceVariables = new HashSet<>();
        for (JsonNode v : model.path("templating").path("list")) {
            if ("datasource".equals(v.path("type").asText())) {
                datasourceVariables.add("${" + v.path("name").asText() + "}");
            }
        }
        Set<Integer> ids = new HashSet<>();
        for (JsonNode p : panels()) {
            if (!ids.add(p.path("id").asInt())) {
                out.add(name() + ": panel id " + p.path("id") + " is used twice");
            }
            if ("row".equals(p.path("type").asText())) {
                continue;
            }
            List<JsonNode> sources = new ArrayList<>(List.of(p.path("datasource")));
            p.path("targets").forEach(t -> sources.add(t.path("datasource")));
            for (JsonNode ds : sources) {
                if (!datasourceVariables.contains(ds.path("uid").asText())) {
                    out.add(name() + " panel " + p.path("id") + ": datasource " + ds + " is not one of the template variables " + datasourceVariables);
                }
            }
            if (p.path("targets").isEmpty()) {
                out.add(name() + " panel " + p.path("id") + ": no queries");
            }
        }
        for (JsonNode v : model.path("templating").path("list")) {
            if ("query".equals(v.path("type").asText()) && !datasourceVariables.contains(v.path("datasource").path("uid").asText())) {
                out.add(name() + " variable " + v.path("name") + ": datasource is not a template variable");
            }
        }
        return out;
    }

    private List<JsonNode> panels() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : model.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    public List<Query> queries() {
        List<Query> out = new ArrayList<>();
        for (JsonNode p : panels()) {
            for (JsonNode t : p.path("targets")) {
                String type = t.path("datasource").path("type").asText(p.path("datasource").path("type").asText());
                String text = t.has("expr") ? t.path("expr").asText() : t.path("rawSql").asText();
                out.add(new Query(name(), p.path("id").asInt(), p.path("title").asText(), type.equals("prometheus") ? "promql" : "sql", text));
            }
        }
        return out;
    }

    /**
     * Resolves the query variables in order, as Grafana does (each may use the ones before it):
     * {@code pinned} values are taken as a user would pick them (and must be among the variable's
     * values), others take their first value. Returns name to the text substituted for it.
     */
    public Map<String, String> resolveVariables(PrometheusApi prometheus, DataSource postgres, Instant from, Instant to, Map<String, String> pinned)
            throws IOException, InterruptedException, SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (JsonNode v : model.path("templating").path("list")) {
            if (!"query".equals(v.path("type").asText())) {
                continue;
            }
            String name = v.path("name").asText();
            List<String> options;
            if ("prometheus".equals(v.path("datasource").path("type").asText())) {
                String query = substitute(v.path("query").path("query").asText(v.path("definition").asText()), values, from, to);
                Matcher m = Pattern.compile("label_values\\((.+),\\s*(\\w+)\\)").matcher(query.trim());
                if (!m.matches()) {
                    throw new IllegalStateException(name() + " variable " + name + ": not a label_values query: " + query);
                }
                options = prometheus.labelValues(m.group(2), m.group(1), from, to);
            } else {
                options = sqlColumn(postgres, substitute(v.path("query").asText(), values, from, to));
            }
            if (options.isEmpty()) {
                throw new AssertionError(name() + " variable " + name + " has no values: " + v.path("definition").asText());
            }
            String chosen = pinned.getOrDefault(name, options.get(0));
            if (!options.contains(chosen)) {
                throw new AssertionError(name() + " variable " + name + " offers " + options + ", not " + chosen);
            }
            boolean sql = !"prometheus".equals(v.path("datasource").path("type").asText());
            values.put(name, sql ? "'" + chosen.replace("'", "''") + "'" : chosen);
        }
        return values;
    }

    /** Every query of this dashboard run against what it reads, variables resolved. */
    public List<Outcome> run(PrometheusApi prometheus, DataSource postgres, Instant from, Instant to, Map<String, String> pinned)
            throws IOException, InterruptedException, SQLException {
        Map<String, String> values = resolveVariables(prometheus, postgres, from, to, pinned);
        List<Outcome> out = new ArrayList<>();
        for (Query q : queries()) {
            String text = substitute(q.text(), values, from, to);
            int found = q.kind().equals("promql") ? prometheus.queryRange(text, from, to).size() : sqlRows(postgres, text);
            out.add(new Outcome(q, text, found));
        }
        return out;
    }

    /** Grafana's variables and macros as Grafana would expand them over {@code from .. to} at a 1 s scrape interval. */
    static String substitute(String text, Map<String, String> values, Instant from, Instant to) {
        String out = TIME_FILTER.matcher(text).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + " BETWEEN '" + from + "' AND '" + to + "'"));
        out = out.replace("$__rate_interval", "5s").replace("$__interval", "1s")
                .replace("$__range", Duration.between(from, to).toSeconds() + "s");
        for (Map.Entry<String, String> e : values.entrySet()) {
            out = out.replace("${" + e.getKey() + "}", e.getValue()).replace("$" + e.getKey(), e.getValue());
        }
        if (out.contains("$")) {
            throw new IllegalStateException("unresolved variable or macro in: " + out);
        }
        return out;
    }

    private static List<String> sqlColumn(DataSource ds, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static int sqlRows(DataSource ds, String sql) throws SQLException {
        int n = 0;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }
}
