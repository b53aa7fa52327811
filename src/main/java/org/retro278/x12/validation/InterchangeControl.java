package org.retro278.x12.validation;

import io.xlate.edi.schema.EDIComplexType;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDISimpleType;
import io.xlate.edi.schema.Schema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The X12 00501 interchange control schema (ISA/IEA, GS/GE, ST/SE and the TA1) as data the rest of the
 * program asks: the codes an envelope element takes and the fixed widths of the ISA elements. The schema
 * file is the single source; nothing here repeats a list or a width. Immutable and shared.
 */
public final class InterchangeControl {

    /** Read once, on first use; the schema is immutable after loading. */
    private static final class Standard {
        static final InterchangeControl INSTANCE = new InterchangeControl(GuideSchemas.read(TransactionGuide.INTERCHANGE_CONTROL));
    }

    private final Schema schema;
    private final int[] isaWidths;

    InterchangeControl(Schema schema) {
        this.schema = schema;
        List<EDIReference> isa = references("ISA");
        this.isaWidths = new int[isa.size()];
        for (int i = 0; i < isa.size(); i++) {
            EDISimpleType element = simple("ISA", i + 1, isa);
            if (element.getMinLength() != element.getMaxLength()) {
                throw new IllegalStateException("ISA" + String.format("%02d", i + 1) + " is not fixed width in the schema");
            }
            isaWidths[i] = (int) element.getMaxLength();
        }
    }

    /** The interchange control schema this release ships. */
    public static InterchangeControl standard() {
        return Standard.INSTANCE;
    }

    Schema schema() {
        return schema;
    }

    /** The width of an ISA element (1-based position). */
    int isaWidth(int element) {
        return isaWidths[element - 1];
    }

    /** Characters of a whole ISA segment: the tag, each element after its separator, the terminator. */
    int isaLength() {
        int length = 3 + 1;
        for (int w : isaWidths) {
            length += w + 1;
        }
        return length;
    }

    /**
     * The codes of an envelope element with their words, in schema order, for example {@code ("ISA", 5)} for
     * the interchange id qualifiers; empty when the element takes free values.
     *
     * @throws IllegalArgumentException when the schema has no such segment or simple element
     */
    public Map<String, String> codes(String segment, int element) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(simple(segment, element, references(segment)).getValues()));
    }

    private List<EDIReference> references(String segment) {
        if (!(schema.getType(segment) instanceof EDIComplexType type)) {
            throw new IllegalArgumentException("no interchange control segment " + segment);
        }
        return type.getReferences();
    }

    private static EDISimpleType simple(String segment, int element, List<EDIReference> refs) {
        if (element < 1 || element > refs.size() || !(refs.get(element - 1).getReferencedType() instanceof EDISimpleType simple)) {
            throw new IllegalArgumentException(segment + String.format("%02d", element) + " is not a simple element");
        }
        return simple;
    }
}
