package lab.performance.observatory.schemas.registry;

import java.util.Map;
import org.apache.avro.Schema;

/**
 * A fixed id-to-schema table, for reading registry-framed records whose ids are known in advance
 * (an exported registry, or a test) without calling a registry.
 */
public record StaticSchemaIds(Map<Integer, Schema> schemas) implements SchemaIdLookup {

    public StaticSchemaIds {
        schemas = Map.copyOf(schemas);
    }

    @Override
    public Schema schemaById(int id) throws UnknownSchemaIdException {
        Schema schema = schemas.get(id);
        if (schema == null) {
            throw new UnknownSchemaIdException(id);
        }
        return schema;
    }
}
