package org.retro278.x12.validation;

import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.implementation.CompositeImplementation;
import io.xlate.edi.schema.implementation.EDITypeImplementation;
import io.xlate.edi.schema.implementation.ElementImplementation;
import io.xlate.edi.schema.implementation.LoopImplementation;
import io.xlate.edi.schema.implementation.PolymorphicImplementation;
import io.xlate.edi.schema.implementation.SegmentImplementation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What the 005010X217 request lets an element carry: its code list and its length limits, read from the
 * implementation schema that the validator uses. The same lookups serve the other guides the validator knows
 * (the 278 response, the 999: see {@link X12Validator#responseCodeLists()} and {@link
 * X12Validator#acknowledgmentCodeLists()}); their code lists carry the plain words the response readers report.
 *
 * <p>Why it exists: the input rules must refuse a claim whose values the 278 cannot carry before a request
 * is built, and they must refuse exactly what the validator would refuse afterwards. Reading the lists from
 * the one schema keeps a single source of truth; there is deliberately no second copy of any list in code.
 *
 * <p>Elements are named as in the guide: a loop id ({@code "2000E"}, {@code "2010D"}; {@code "HEADER"} or
 * {@code null} for BHT, which sits before the first loop), a segment id, the 1-based element position and,
 * inside a composite, the 1-based component position. Examples:
 * <pre>{@code
 * lists.codes("2000E", "UM", 1, null)  // request category: AR, HS, IN, SC
 * lists.codes("2000E", "UM", 4, 1)     // facility codes (place of service and NUBC facility type)
 * lists.maxLength("2010C", "NM1", 3)   // 60: longest subscriber last name
 * }</pre>
 * Immutable and safe to share between threads.
 */
public final class X217CodeLists {

    /** Loop id that names the segments before the first HL (BHT). */
    public static final String HEADER = "HEADER";

    private static final String PLACE_OF_SERVICE_MARK = "place of service (B)";
    private static final String FACILITY_TYPE_MARK = "facility type (A)";
    /** The mark before a DTP01 title: the DTP02 formats it allows, such as "D8" or "D8 or RD8". */
    private static final Pattern DATE_FORMAT_MARK = Pattern.compile("[A-Z0-9]+( or [A-Z0-9]+)*");

    private final LoopImplementation root;
    private final String guide;
    /** Lookups walk the schema; the input rules and the validator ask the same few questions per claim. */
    private final ConcurrentHashMap<String, ElementImplementation> elements = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<String>> codeSets = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Map<String, Set<String>>> dateFormats = new ConcurrentHashMap<>();
    private final Set<String> placeOfService;
    private final Set<String> facilityType;

    X217CodeLists(Schema requestSchema) {
        this(requestSchema, TransactionGuide.X217_REQUEST.title());
    }

    /** Code lists of any implementation schema; {@code guide} names it in messages. */
    X217CodeLists(Schema schema, String guide) {
        this.root = schema.getImplementation();
        this.guide = guide;
        boolean facilities = findLoop(root, "2000E") != null;
        this.placeOfService = facilities ? facilityCodes(PLACE_OF_SERVICE_MARK) : Set.of();
        this.facilityType = facilities ? facilityCodes(FACILITY_TYPE_MARK) : Set.of();
    }

    /** Reads the request implementation schema; prefer one shared instance, loading takes a moment. */
    public static X217CodeLists load() {
        return new X217CodeLists(GuideSchemas.read(TransactionGuide.X217_REQUEST.resource()));
    }

    /**
     * The codes the guide allows in an element, in schema order.
     *
     * @param loop      loop id such as {@code "2000E"}; {@link #HEADER} or {@code null} for BHT
     * @param segment   segment id such as {@code "UM"}
     * @param element   1-based element position
     * @param component 1-based component position inside a composite, {@code null} for a simple element
     * @return the allowed codes; empty when the element takes free values (a name, an id, a date...)
     * @throws IllegalArgumentException when the guide does not use that loop, segment, element or component
     */
    public Set<String> codes(String loop, String segment, int element, Integer component) {
        return codeSets.computeIfAbsent(key(loop, segment, element, component), k -> Collections.unmodifiableSet(
                new LinkedHashSet<>(element(loop, segment, element, component).getValues().keySet())));
    }

    private static String key(String loop, String segment, int element, Integer component) {
        // as String.format("%02d", element) would write it, without a Formatter per look-up (this runs for every
        // checked element of every claim: String.format was 4 % of the adapter's CPU, docs/benchmarks.md)
        return (loop == null ? HEADER : loop) + " " + segment + (element >= 0 && element < 10 ? "0" : "") + element
                + (component == null ? "" : "-" + component);
    }

    /**
     * As {@link #codes} with each code's name (the X12 or external code list title; may be empty), for
     * messages and pick lists.
     */
    public Map<String, String> codesWithNames(String loop, String segment, int element, Integer component) {
        Map<String, String> out = new LinkedHashMap<>();
        element(loop, segment, element, component).getValues().forEach((k, v) -> out.put(k, v == null ? "" : v));
        return Collections.unmodifiableMap(out);
    }

    /** Maximum length of a simple element's value. */
    public int maxLength(String loop, String segment, int element) {
        return maxLength(loop, segment, element, null);
    }

    /** Maximum length of an element's (or a component's) value, from the 005010 data element dictionary. */
    public int maxLength(String loop, String segment, int element, Integer component) {
        return (int) element(loop, segment, element, component).getMaxLength();
    }

    /** Minimum length of an element's (or a component's) value, when one is sent. */
    public int minLength(String loop, String segment, int element, Integer component) {
        return (int) element(loop, segment, element, component).getMinLength();
    }

    /** Whether the guide requires the element (or component) whenever its segment is sent. */
    public boolean required(String loop, String segment, int element, Integer component) {
        return element(loop, segment, element, component).getMinOccurs() > 0;
    }

    /**
     * CMS place-of-service codes, the UM04-1 values allowed with qualifier UM04-2 = B, in the patient event
     * (2000E). Taken from the same UM04-1 list as {@link #codes}, whose value titles say which list a code
     * belongs to.
     */
    public Set<String> placeOfServiceCodes() {
        return placeOfService;
    }

    /** NUBC facility type codes (first two positions of the bill type), allowed with UM04-2 = A. */
    public Set<String> facilityTypeCodes() {
        return facilityType;
    }

    /**
     * The date formats (DTP02) each DTP qualifier of a loop allows, from the mark before the qualifier's title
     * in the DTP01 list: {@code "D8: Admission"}, {@code "D8 or RD8: Event"}. Qualifiers without a mark, and
     * loops without a DTP, have none.
     */
    Map<String, Set<String>> dateFormats(String loop) {
        return dateFormats.computeIfAbsent(loop == null ? HEADER : loop, l -> {
            Map<String, String> titles;
            try {
                titles = codesWithNames(loop, "DTP", 1, null);
            } catch (IllegalArgumentException noDates) {
                return Map.of();
            }
            Map<String, Set<String>> formats = new LinkedHashMap<>();
            titles.forEach((qualifier, title) -> {
                int colon = title.indexOf(": ");
                if (colon > 0 && DATE_FORMAT_MARK.matcher(title.substring(0, colon)).matches()) {
                    formats.put(qualifier, Set.of(title.substring(0, colon).split(" or ")));
                }
            });
            return Collections.unmodifiableMap(formats);
        });
    }

    private Set<String> facilityCodes(String mark) {
        Predicate<String> marked = title -> title != null && title.contains(mark);
        return element("2000E", "UM", 4, 1).getValues().entrySet().stream()
                .filter(e -> marked.test(e.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    private ElementImplementation element(String loop, String segment, int element, Integer component) {
        String where = key(loop, segment, element, component);
        ElementImplementation cached = elements.get(where);
        if (cached != null) {
            return cached;
        }
        ElementImplementation found = findElement(where, loop, segment, element, component);
        elements.put(where, found);
        return found;
    }

    private ElementImplementation findElement(String where, String loop, String segment, int element, Integer component) {
        PolymorphicImplementation container = loop == null || HEADER.equals(loop) ? root : findLoop(root, loop);
        if (container == null) {
            throw new IllegalArgumentException(guide + " has no loop " + loop);
        }
        SegmentImplementation seg = container.getSequence().stream()
                .filter(SegmentImplementation.class::isInstance)
                .map(SegmentImplementation.class::cast)
                .filter(s -> segment.equals(s.getReferencedType().getId()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(guide + " uses no " + segment + " in loop " + loop));
        EDITypeImplementation type = at(seg.getSequence(), element, where);
        if (type instanceof CompositeImplementation composite) {
            if (component == null) {
                throw new IllegalArgumentException(where + " is a composite: name a component");
            }
            type = at(composite.getSequence(), component, where);
        } else if (component != null) {
            throw new IllegalArgumentException(where + " is not a composite");
        }
        if (!(type instanceof ElementImplementation simple)) {
            throw new IllegalArgumentException(where + " is not a simple element");
        }
        return simple;
    }

    private EDITypeImplementation at(List<EDITypeImplementation> sequence, int position, String where) {
        if (position < 1 || position > sequence.size() || sequence.get(position - 1) == null) {
            throw new IllegalArgumentException(where + " is not used by the " + guide);
        }
        return sequence.get(position - 1);
    }

    private static LoopImplementation findLoop(PolymorphicImplementation parent, String code) {
        for (EDITypeImplementation child : parent.getSequence()) {
            if (child instanceof LoopImplementation loop) {
                if (code.equals(loop.getCode())) {
                    return loop;
                }
                LoopImplementation inner = findLoop(loop, code);
                if (inner != null) {
                    return inner;
                }
            }
        }
        return null;
    }
}
