package org.retro278.x12.validation;

/**
 * The implementation guides a transaction set can be checked against, and how one is chosen at ST.
 *
 * <p>Adding a guide is adding its schema resource (a path relative to {@code org/retro278/x12/schema/}) here
 * and, if it is a new kind, a line in {@link #select}. A guide without a resource is recognised but only its
 * envelope is checked, and the set gets one {@code NOT_VALIDATED} problem so nobody mistakes "no errors" for
 * "valid". The TA1 is not a transaction set: it is checked by the interchange control schema
 * ({@link #INTERCHANGE_CONTROL}).
 */
enum TransactionGuide {

    X217_REQUEST("005010X217 278 request", "005010X217", "005010X217/278-request.xml"),
    X217_RESPONSE("005010X217 278 response", "005010X217", "005010X217/278-response.xml"),
    X231A1_999("005010X231A1 999 acknowledgment", "005010X231A1", "005010X231A1/999.xml");

    /**
     * The interchange control schema (ISA/IEA, GS/GE, ST/SE envelopes and the TA1), handed to StAEDI at the
     * start of every interchange in place of its own base-standard one.
     */
    static final String INTERCHANGE_CONTROL = "/org/retro278/x12/schema/00501/interchange-control.xml";

    private final String title;
    private final String version;
    private final String resource;

    TransactionGuide(String title, String version, String resource) {
        this.title = title;
        this.version = version;
        this.resource = resource;
    }

    /**
     * The guide for a transaction set from its ST01 and, for a 278, a first look at BHT02 (11 = response);
     * {@code null} when none applies. Anything else in a 278 is taken as a request, so a wrong BHT02 is
     * reported by the request schema as an invalid code rather than silently skipped.
     */
    static TransactionGuide select(String st01, String bht02) {
        if ("278".equals(st01)) {
            return "11".equals(bht02) ? X217_RESPONSE : X217_REQUEST;
        }
        if ("999".equals(st01)) {
            return X231A1_999;
        }
        return null;
    }

    /** The functional identifier code GS01 must carry for this kind of set. */
    String functionalIdentifier() {
        return this == X231A1_999 ? "FA" : "HI";
    }

    /** What GS08 and ST03 must say. */
    String version() {
        return version;
    }

    String title() {
        return title;
    }

    /** Whether sets of this guide carry the 278 hierarchy (HL levels, dates) that {@code X217Rules} checks. */
    boolean is278() {
        return this != X231A1_999;
    }

    /** Classpath resource of the implementation schema, or {@code null} when there is none. */
    String resource() {
        return resource == null ? null : "/org/retro278/x12/schema/" + resource;
    }
}
