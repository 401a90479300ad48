package lab.performance.observatory.operator;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict deserialization with the fabric8 model: the typed class of the object's apiVersion and
 * kind must exist, and no field may be left over. fabric8 keeps fields it does not know in each
 * object's {@code additionalProperties} (a typo such as {@code readOnlyRootFileSystem}, or a field
 * in the wrong place, which the API server would prune or reject), so this walks the whole object
 * and reports every one.
 */
final class StrictModel {

    /** The API groups the fabric8 model covers (core and the built-in groups); custom resources are checked against their CRDs. */
    static final Set<String> BUILT_IN = Set.of("v1", "apps/v1", "batch/v1", "rbac.authorization.k8s.io/v1", "networking.k8s.io/v1",
            "policy/v1", "apiextensions.k8s.io/v1", "autoscaling/v2");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StrictModel() {
    }

    static boolean covers(JsonNode object) {
        return BUILT_IN.contains(object.path("apiVersion").asText());
    }

    /** What does not fit the model: an unknown kind, or the paths of fields it does not know. */
    static List<String> problems(JsonNode object) {
        String at = object.path("kind").asText() + " " + object.at("/metadata/name").asText();
        HasMetadata typed = SERIALIZATION.unmarshal(object.toString(), HasMetadata.class);
        List<String> out = new ArrayList<>();
        if (typed instanceof GenericKubernetesResource) {
            out.add(at + ": no model class for " + object.path("apiVersion").asText() + " " + object.path("kind").asText());
            return out;
        }
        walk(typed, at, out);
        return out;
    }

    private static void walk(Object value, String path, List<String> out) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> c) {
            int i = 0;
            for (Object item : c) {
                walk(item, path + "[" + i++ + "]", out);
            }
            return;
        }
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> walk(v, path + "." + k, out));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class
                    || !(getter.getName().startsWith("get") || getter.getName().startsWith("is"))) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(path + "." + getter.getName(), e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    out.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            walk(field, path + "." + decapitalize(getter.getName().replaceFirst("^(get|is)", "")), out);
        }
    }

    private static String decapitalize(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
