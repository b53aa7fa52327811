package org.retro278.x12.response;

import java.util.LinkedHashMap;
import java.util.Map;
import org.retro278.x12.validation.X12Validator;
import org.retro278.x12.validation.X217CodeLists;

/**
 * The coded elements the readers put words beside, each named by its X12 reference (segment and element
 * position) and told where its code list is: the loops of the 278 response or 999 guide that carry it, or
 * the interchange control schema. A table, not logic: a new coded element is one line here.
 */
enum CodedElement {

    HCR01("action code", Guide.RESPONSE, "2000E"),
    // the UMO levels' AAA03 list is the widest (it adds T4)
    AAA03("reject reason", Guide.RESPONSE, "2000A"),
    AAA04("follow-up action", Guide.RESPONSE, "2000A"),
    // PWK at the patient event (2000E) and at a service (2000F): the union of both lists (the same today)
    PWK01("report type code", Guide.RESPONSE, "2000E", "2000F"),
    PWK02("transmission code", Guide.RESPONSE, "2000E", "2000F"),
    IK304("segment error", Guide.ACKNOWLEDGMENT, "2100"),
    IK403("element error", Guide.ACKNOWLEDGMENT, "2110"),
    IK501("acknowledgment code", Guide.ACKNOWLEDGMENT, "2000"),
    /** IK502 to IK506 share the list. */
    IK502("set error", Guide.ACKNOWLEDGMENT, "2000"),
    AK901("acknowledgment code", Guide.ACKNOWLEDGMENT, X217CodeLists.HEADER),
    /** AK905 to AK909 share the list. */
    AK905("group error", Guide.ACKNOWLEDGMENT, X217CodeLists.HEADER),
    TA104("acknowledgment code", Guide.INTERCHANGE_CONTROL),
    TA105("note code", Guide.INTERCHANGE_CONTROL);

    private enum Guide { RESPONSE, ACKNOWLEDGMENT, INTERCHANGE_CONTROL }

    private final String title;
    private final Guide guide;
    private final String[] loops;

    CodedElement(String title, Guide guide, String... loops) {
        this.title = title;
        this.guide = guide;
        this.loops = loops;
    }

    /** What a code of this element is called, with its reference: "HCR01 action code". */
    String title() {
        return name() + " " + title;
    }

    /** Its codes with their words, from the schemas the validator checks with. */
    Map<String, String> codesWithNames(X12Validator validator) {
        String segment = name().substring(0, name().length() - 2);
        int element = Integer.parseInt(name().substring(name().length() - 2));
        if (guide == Guide.INTERCHANGE_CONTROL) {
            return validator.interchangeCodes(segment, element);
        }
        X217CodeLists lists = guide == Guide.RESPONSE ? validator.responseCodeLists() : validator.acknowledgmentCodeLists();
        Map<String, String> union = new LinkedHashMap<>();
        for (String loop : loops) {
            lists.codesWithNames(loop, segment, element, null).forEach(union::putIfAbsent);
        }
        return Map.copyOf(union);
    }
}
