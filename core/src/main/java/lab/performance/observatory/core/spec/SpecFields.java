package lab.performance.observatory.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the fields of one YAML mapping while remembering which ones were read, so that anything
 * left over is reported as an unknown field (with a suggestion when it looks like a typo).
 */
final class SpecFields {

    private final JsonNode node;
    private final String path;
    private final List<SpecProblem> problems;
    private final Set<String> known = new LinkedHashSet<>();

    SpecFields(JsonNode node, String path, List<SpecProblem> problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
    }

    String path() {
        return path;
    }

    String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    SpecFields nested(JsonNode child, String childPath) {
        return new SpecFields(child, childPath, problems);
    }

    void problemAt(String fullPath, String message) {
        problems.add(new SpecProblem(fullPath, message));
    }

    void problem(String field, String message) {
        problems.add(new SpecProblem(field == null ? path : pathOf(field), message));
    }

    boolean has(String field) {
        known.add(field);
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /** Marks a field as allowed without reading it (e.g. Kubernetes metadata we do not use). */
    void allow(String... fields) {
        known.addAll(List.of(fields));
    }

    JsonNode raw(String field) {
        known.add(field);
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    Optional<String> string(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            problem(field, "must be a string (got " + describe(value) + ")");
            return Optional.empty();
        }
        if (value.asText().isBlank()) {
            problem(field, "must not be empty");
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    Optional<String> requiredString(String field) {
        if (!has(field)) {
            problem(field, "is required");
            return Optional.empty();
        }
        return string(field);
    }

    /** A finite number; {@code strictlyPositive} rejects zero, otherwise only negatives are rejected. */
    Optional<Double> number(String field, boolean strictlyPositive) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isNumber()) {
            problem(field, "must be a number (got " + describe(value) + ")");
            return Optional.empty();
        }
        double d = value.asDouble();
        if (!Double.isFinite(d)) {
            problem(field, "must be a finite number (got " + value.asText() + ")");
            return Optional.empty();
        }
        if (strictlyPositive ? d <= 0 : d < 0) {
            problem(field, "must be " + (strictlyPositive ? "greater than 0" : "0 or more") + " (got " + format(d) + ")");
            return Optional.empty();
        }
        return Optional.of(d);
    }

    Optional<Double> requiredNumber(String field, boolean strictlyPositive) {
        if (!has(field)) {
            problem(field, "is required");
            return Optional.empty();
        }
        return number(field, strictlyPositive);
    }

    /** A whole number within [min, max]. */
    Optional<Long> integer(String field, long min, long max) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isIntegralNumber() && !(value.isNumber() && value.asDouble() == Math.rint(value.asDouble()))) {
            problem(field, "must be a whole number (got " + describe(value) + ")");
            return Optional.empty();
        }
        long l = value.asLong();
        if (l < min || l > max) {
            problem(field, "must be between " + min + " and " + max + " (got " + l + ")");
            return Optional.empty();
        }
        return Optional.of(l);
    }

    Optional<Boolean> bool(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            problem(field, "must be true or false (got " + describe(value) + ")");
            return Optional.empty();
        }
        return Optional.of(value.asBoolean());
    }

    Optional<SpecFields> object(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            problem(field, "must be a mapping of fields (got " + describe(value) + ")");
            return Optional.empty();
        }
        return Optional.of(new SpecFields(value, pathOf(field), problems));
    }

    Optional<SpecFields> requiredObject(String field) {
        if (!has(field)) {
            problem(field, "is required");
            return Optional.empty();
        }
        return object(field);
    }

    Optional<List<JsonNode>> list(String field) {
        JsonNode value = raw(field);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isArray()) {
            problem(field, "must be a list (got " + describe(value) + ")");
            return Optional.empty();
        }
        List<JsonNode> items = new ArrayList<>();
        value.forEach(items::add);
        return Optional.of(items);
    }

    /** Reports every field that no reader asked for. Call after all reads. */
    void rejectUnknown() {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String field = it.next().getKey();
            if (!known.contains(field)) {
                problem(field, "unknown field" + suggestion(field));
            }
        }
    }

    private String suggestion(String field) {
        return known.stream()
                .filter(k -> editDistance(k, field) <= Math.max(2, k.length() / 4))
                .min(Comparator.comparingInt(k -> editDistance(k, field)))
                .map(k -> " (did you mean " + k + "?)")
                .orElse(" (expected one of " + String.join(", ", known) + ")");
    }

    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    static String describe(JsonNode value) {
        if (value.isTextual()) {
            return "'" + value.asText() + "'";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.asText();
    }

    static String format(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
