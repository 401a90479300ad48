package lab.performance.observatory.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates objects against a CRD's {@code openAPIV3Schema} the way the API server would: the schema
 * itself (types, enums, required, minimums) and, because Kubernetes silently prunes fields the schema
 * does not declare, a check that nothing outside the schema is set.
 */
final class CrdSchemas {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode schema;
    private final JsonSchema validator;

    private CrdSchemas(JsonNode schema) {
        this.schema = schema;
        this.validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(withoutKubernetesExtensions(schema.deepCopy()));
    }

    /** The schema of version {@code version} in a CRD file. */
    static CrdSchemas of(Path crd, String version) throws IOException {
        JsonNode root = YAML.readTree(crd.toFile());
        for (JsonNode v : root.at("/spec/versions")) {
            if (version.equals(v.get("name").asText())) {
                return new CrdSchemas(v.at("/schema/openAPIV3Schema"));
            }
        }
        throw new IllegalArgumentException(crd + " has no version " + version);
    }

    /** Problems with {@code object}; empty when the API server would accept it unchanged. */
    List<String> problems(JsonNode object) {
        List<String> out = new ArrayList<>();
        Set<ValidationMessage> messages = validator.validate(object);
        messages.forEach(m -> out.add(m.getMessage()));
        unknownFields(schema, object, "$", out);
        return out;
    }

    private static void unknownFields(JsonNode schema, JsonNode value, String path, List<String> out) {
        if (value == null || schema == null || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return;
        }
        if (value.isObject()) {
            JsonNode properties = schema.get("properties");
            JsonNode additional = schema.get("additionalProperties");
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                if (path.equals("$") && Set.of("apiVersion", "kind", "metadata").contains(f.getKey())) {
                    continue; // object metadata is the API server's, not the CRD schema's
                }
                if (properties != null && properties.has(f.getKey())) {
                    unknownFields(properties.get(f.getKey()), f.getValue(), path + "." + f.getKey(), out);
                } else if (additional != null && additional.isObject()) {
                    unknownFields(additional, f.getValue(), path + "." + f.getKey(), out);
                } else {
                    out.add(path + "." + f.getKey() + ": not in the schema (Kubernetes would prune it)");
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                unknownFields(schema.get("items"), value.get(i), path + "[" + i + "]", out);
            }
        }
    }

    /** Draft 4 validators know nothing of x-kubernetes-*; int-or-string becomes "either". */
    private static JsonNode withoutKubernetesExtensions(JsonNode node) {
        if (node.isObject()) {
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) node;
            if (o.path("x-kubernetes-int-or-string").asBoolean(false)) {
                o.remove("type");
                o.set("anyOf", JSON.createArrayNode().add(JSON.createObjectNode().put("type", "integer"))
                        .add(JSON.createObjectNode().put("type", "string")));
            }
            List<String> drop = new ArrayList<>();
            o.fieldNames().forEachRemaining(n -> {
                if (n.startsWith("x-kubernetes-")) {
                    drop.add(n);
                }
            });
            drop.forEach(o::remove);
            o.elements().forEachRemaining(CrdSchemas::withoutKubernetesExtensions);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(CrdSchemas::withoutKubernetesExtensions);
        }
        return node;
    }
}
