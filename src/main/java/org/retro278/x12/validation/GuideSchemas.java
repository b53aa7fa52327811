package org.retro278.x12.validation;

import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.EnumMap;
import java.util.Map;

/**
 * The implementation schemas and the interchange control schema, read once. A StAEDI {@link Schema} is immutable after loading and StAEDI
 * builds its per-reader validation state from it, so one instance serves every reader on every thread.
 */
final class GuideSchemas {

    private final Map<TransactionGuide, Schema> schemas = new EnumMap<>(TransactionGuide.class);
    private final Map<TransactionGuide, X217CodeLists> codeLists = new EnumMap<>(TransactionGuide.class);
    private InterchangeControl interchange;

    private GuideSchemas() {
    }

    static GuideSchemas load() {
        GuideSchemas loaded = new GuideSchemas();
        for (TransactionGuide guide : TransactionGuide.values()) {
            if (guide.resource() != null) {
                Schema schema = read(guide.resource());
                loaded.schemas.put(guide, schema);
                loaded.codeLists.put(guide, new X217CodeLists(schema, guide.title()));
            }
        }
        loaded.interchange = InterchangeControl.standard();
        return loaded;
    }

    /** The code lists of a guide's schema, or {@code null} when the guide has none. */
    X217CodeLists codeLists(TransactionGuide guide) {
        return codeLists.get(guide);
    }

    /** The interchange control schema (envelopes and TA1) for X12 00501. */
    Schema control() {
        return interchange.schema();
    }

    /** The interchange control schema as data: envelope codes and ISA widths. */
    InterchangeControl interchange() {
        return interchange;
    }

    /** The schema of a guide, or {@code null} when the guide has none yet. */
    Schema schema(TransactionGuide guide) {
        return schemas.get(guide);
    }

    /**
     * Reads a schema resource; an {@code include} in it is resolved against the resource's own URL, so
     * the base schema is found in a jar as well as in a build directory.
     */
    static Schema read(String resource) {
        URL url = GuideSchemas.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("schema resource missing: " + resource);
        }
        SchemaFactory factory = SchemaFactory.newFactory();
        factory.setProperty(SchemaFactory.SCHEMA_LOCATION_URL_CONTEXT, url);
        try (InputStream in = url.openStream()) {
            return factory.createSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        } catch (EDISchemaException e) {
            throw new IllegalStateException("invalid schema " + resource, e);
        }
    }
}
