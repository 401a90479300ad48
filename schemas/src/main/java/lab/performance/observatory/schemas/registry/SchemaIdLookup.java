package lab.performance.observatory.schemas.registry;

import org.apache.avro.Schema;

/** Where registry-framed records' schema ids are looked up: a registry, or a fixed set of ids. */
public interface SchemaIdLookup {

    Schema schemaById(int id) throws UnknownSchemaIdException, RegistryUnavailableException;
}
