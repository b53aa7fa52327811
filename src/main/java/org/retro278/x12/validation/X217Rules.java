package org.retro278.x12.validation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Every check of ours on the 278, in one place: what the 005010X217 request and response require and the
 * StAEDI schemas cannot say (the 999 and TA1 have theirs in {@link AcknowledgmentRules}).
 * StAEDI checks structure, usage, lengths, code lists and the envelope counts and control numbers (SE01,
 * SE02, GE01, GE02, IEA01, IEA02); these rules add what it does not, and report in the same form.
 *
 * <p>Rules (the names are stable; tests and a later 999 generator key on them):
 * <dl>
 *   <dt>ISA_ELEMENT_WIDTH</dt><dd>ISA elements are fixed width (StAEDI only says the header is unreadable).</dd>
 *   <dt>GS_FUNCTIONAL_ID</dt><dd>GS01 must be HI around a 278, FA around a 999 (StAEDI accepts a 278 under HC).</dd>
 *   <dt>VERSION_MISMATCH</dt><dd>ST03 must be present and repeat GS08.</dd>
 *   <dt>GUIDE_VERSION</dt><dd>a 278 must say 005010X217 in GS08 / ST03.</dd>
 *   <dt>NOT_VALIDATED</dt><dd>a set for which no implementation schema exists (yet): only its envelope was
 *       checked. Reported so that "no other problem" is never mistaken for "valid".</dd>
 *   <dt>HL_NUMBERING</dt><dd>HL01 is 1, 2, 3... in order.</dd>
 *   <dt>HL_PARENT</dt><dd>HL02 names an earlier HL of the right level: 2000B under 2000A, 2000C under 2000B,
 *       2000D under 2000C, 2000E under 2000D when there is a dependent and under 2000C otherwise, 2000F under
 *       2000E (StAEDI would just start a new level).</dd>
 *   <dt>HL_CHILD_CODE</dt><dd>HL04 is 1 exactly when the next HL is a child of this one.</dd>
 *   <dt>DATE_FORMAT, DATE_INVALID, DATE_RANGE</dt><dd>a D8 value is CCYYMMDD, an RD8 value
 *       CCYYMMDD-CCYYMMDD, each a real calendar date, the range not reversed: DTP03, DMG02, HI dates, CR604.</dd>
 *   <dt>DATE_QUALIFIER_FORMAT</dt><dd>D8 or RD8 as each DTP qualifier allows.</dd>
 *   <dt>QUALIFIER_REPEATED</dt><dd>each DTP01 and REF01 at most once per patient event / service.</dd>
 *   <dt>ADMISSION_DATE_REQUIRED</dt><dd>an admission review (UM01=AR) carries its admission date, DTP*435.</dd>
 *   <dt>LEVEL_OF_SERVICE_REQUIRED</dt><dd>UM06 is required when UM02=1 (immediate appeal); X12 RFI 2642
 *       quotes the situational rule.</dd>
 *   <dt>RESERVATION_MISMATCH</dt><dd>BHT06=RU (medical services reservation) goes with UM01=IN and only
 *       with it.</dd>
 *   <dt>FACILITY_CODE_QUALIFIER</dt><dd>UM04-1 is a place-of-service code with UM04-2=B, a NUBC facility
 *       type with A.</dd>
 *   <dt>HI_PRINCIPAL_POSITION</dt><dd>a principal code (ABK, BK; BBR, BR for procedures) only in HI01.</dd>
 *   <dt>HI_PRINCIPAL_FIRST</dt><dd>ICD-10-CM diagnoses start with the principal one (ABK).</dd>
 *   <dt>SERVICE_LINE_TYPE</dt><dd>one of SV1, SV2, SV3 per service level (X12 RFI 1889).</dd>
 *   <dt>TRACE_COMPANY_ID</dt><dd>TRN03 starts with 1 (EIN) or 9 (self-assigned id).</dd>
 *   <dt>DEPENDENT_RELATIONSHIP_MISSING</dt><dd>the dependent's name loop (2010D) carries INS with the
 *       relationship to the subscriber.</dd>
 *   <dt>AUTHORIZATION_NUMBER_MISSING</dt><dd>response: an HCR that certifies (HCR01 A1, A2 or A6) carries the
 *       certification number in HCR02.</dd>
 * </dl>
 *
 * <p>Request and response share every rule above except ADMISSION_DATE_REQUIRED (request only: the TR3's
 * own pended admission response carries no DTP*435) and AUTHORIZATION_NUMBER_MISSING (response only).
 *
 * <p>Choices where the notes say (verify), taking the stricter reading, each kept in one place here:
 * DTP*435 and DTP*007 (certification effective date) take D8 only ({@link #DATE_FORMATS}); HI_PRINCIPAL_FIRST
 * applies to ICD-10-CM qualifiers only, because the TR3's own ICD-9 examples start with BF ({@link
 * #diagnoses}); 2010D must carry INS ({@link #closeLevel}); HCR02 is required with A1, A2 and A6 ({@link
 * #CERTIFYING_ACTIONS}).
 *
 * <p>Not a rule here: repeat counts per parent HL. In the request every level but 2000F occurs once per set,
 * so StAEDI's per-set loop counts already are per-parent counts, and StAEDI restarts segment and name-loop
 * counts with each loop occurrence (checked: seven 2010F and six PWK under each of two 2000F pass).
 *
 * <p>Messages never quote element values that may carry PHI (names, ids, dates, diagnoses, free text);
 * codes, HL numbers and control numbers may be quoted.
 */
final class X217Rules {

    /** Receives what the rules find; positions count segments from the first ISA of the stream. */
    interface Reporter {
        void report(long position, String loop, String segment, Integer element, Integer component, String rule,
                    String message);
    }

    static final int ISA_LENGTH = 106;
    private static final int[] ISA_WIDTHS = {2, 10, 2, 10, 2, 15, 2, 15, 6, 4, 1, 5, 9, 1, 1, 1};

    /**
     * Date formats each DTP qualifier allows. 435 admission takes D8 only: RD8 is (verify) in the notes
     * (section 2.7), the stricter reading wins.
     */
    private static final Map<String, Set<String>> DATE_FORMATS = Map.ofEntries(
            Map.entry("439", Set.of("D8")), Map.entry("484", Set.of("D8")), Map.entry("ABC", Set.of("D8")),
            Map.entry("431", Set.of("D8")), Map.entry("AAH", Set.of("D8", "RD8")), Map.entry("435", Set.of("D8")),
            Map.entry("096", Set.of("D8")), Map.entry("472", Set.of("D8", "RD8")),
            // response: certification issue, effective and expiration dates; 007 with RD8 is (verify): D8 only
            Map.entry("102", Set.of("D8")), Map.entry("007", Set.of("D8")), Map.entry("036", Set.of("D8")));

    /**
     * HCR01 values that certify something and so need the certification number in HCR02: the notes say
     * "required in practice for A1/A2/A6 (verify exact TR3 condition)"; the stricter reading requires it.
     */
    static final Set<String> CERTIFYING_ACTIONS = Set.of("A1", "A2", "A6");

    private static final Map<String, String> LEVEL_NAMES = Map.of(
            "20", "the UMO level (2000A)", "21", "the requester level (2000B)", "22", "the subscriber level (2000C)",
            "23", "the dependent level (2000D)", "EV", "the patient event level (2000E)", "SS", "a service level (2000F)");

    private final Reporter out;
    private final java.util.function.Function<TransactionGuide, X217CodeLists> guideCodeLists;
    private X217CodeLists codeLists;
    private final Map<String, Set<String>> childCodes = new HashMap<>();
    private final Set<String> placeOfService;
    private final Set<String> facilityType;

    private String gs01 = "";
    private String gs08 = "";
    private long gsPosition;
    private boolean gsReported;

    private TransactionGuide guide;
    private boolean schemaChecked;
    /** Whether the body rules run: a 278 (request or response) checked against its schema. */
    private boolean body;
    private boolean request;
    private String st01;

    private String bht06 = "";
    private int nextHl;
    private final Map<String, String> levels = new HashMap<>();
    private String previousId;
    private String previousChildCode;
    private long previousPosition;
    private String previousLoop;
    private boolean dependent;

    private String level;
    private final Set<String> dateQualifiers = new HashSet<>();
    private final Set<String> referenceQualifiers = new HashSet<>();
    private String um01 = "";
    private long umPosition;
    private boolean admissionDate;
    private int serviceLines;
    private long dependentNamePosition = -1;
    private boolean dependentRelationship;

    /** @param codeLists the code lists of each guide (the request's give the place-of-service and facility lists) */
    X217Rules(Reporter out, java.util.function.Function<TransactionGuide, X217CodeLists> codeLists) {
        this.out = out;
        this.guideCodeLists = codeLists;
        X217CodeLists requestLists = codeLists.apply(TransactionGuide.X217_REQUEST);
        this.codeLists = requestLists;
        this.placeOfService = requestLists.placeOfServiceCodes();
        this.facilityType = requestLists.facilityTypeCodes();
    }

    /**
     * Which elements of a segment the rules read, as a bit set of element positions (bit n = element n);
     * 1 alone (bit 0) means "the segment, no values". Elements not asked for are never copied out of the
     * reader: names, member ids and diagnosis codes stay where they are, and copying less is faster.
     */
    long wants(String tag) {
        return switch (tag) {
            case "GS" -> bits(1, 8);
            case "ST" -> bits(1, 2, 3);
            case "BHT" -> bits(6);
            case "HL", "DTP" -> bits(1, 2, 3, 4);
            case "HCR" -> bits(1, 2);
            case "NM1", "REF" -> bits(1);
            case "DMG" -> bits(1, 2);
            case "TRN" -> bits(3);
            case "UM" -> bits(1, 2, 4, 6);
            case "CR6" -> bits(3, 4);
            case "HI" -> bits(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
            case "INS", "SV1", "SV2", "SV3", "IEA" -> 1L;
            default -> 0L;
        };
    }

    /** Whether a component of a wanted element is read: only HI's diagnosis codes (component 2) are not. */
    static boolean wantsComponent(String tag, int component) {
        return !("HI".equals(tag) && component == 2);
    }

    private static long bits(int... positions) {
        long mask = 1L;
        for (int p : positions) {
            mask |= 1L << p;
        }
        return mask;
    }

    // ---------------------------------------------------------------- envelope

    /**
     * ISA widths, from the raw header before StAEDI reads it: StAEDI finds its delimiters by fixed position
     * and, when a width is wrong, only says the header is invalid.
     */
    void interchangeHeader(String raw, long position) {
        if (raw.length() < 4) {
            return;
        }
        char separator = raw.charAt(3);
        int start = 4;
        for (int e = 1; e <= 15; e++) {
            int end = raw.indexOf(separator, start);
            if (end < 0) {
                out.report(position, null, "ISA", e, null, "ISA_ELEMENT_WIDTH",
                        String.format("ISA%02d and the elements after it are missing: the ISA segment is 106 characters long", e));
                return;
            }
            int width = end - start;
            if (width != ISA_WIDTHS[e - 1]) {
                out.report(position, null, "ISA", e, null, "ISA_ELEMENT_WIDTH",
                        String.format("ISA%02d is %d characters wide, it must be exactly %d (ISA elements are fixed width,"
                                + " padded with spaces or leading zeros)", e, width, ISA_WIDTHS[e - 1]));
            }
            start = end + 1;
        }
    }

    void startTransaction(TransactionGuide guide, boolean schemaChecked, String st01) {
        startTransaction(guide, schemaChecked, st01, true);
    }

    /**
     * @param bodyRules whether the set's body gets the guide's own checks (HL, dates, situational rules);
     *                  off when only the envelope is verified
     */
    void startTransaction(TransactionGuide guide, boolean schemaChecked, String st01, boolean bodyRules) {
        this.guide = guide;
        this.schemaChecked = schemaChecked;
        this.body = guide != null && guide.is278() && schemaChecked && bodyRules;
        this.request = body && guide == TransactionGuide.X217_REQUEST;
        if (body) {
            this.codeLists = guideCodeLists.apply(guide);
        }
        this.st01 = st01;
        bht06 = "";
        nextHl = 1;
        levels.clear();
        previousId = null;
        previousChildCode = null;
        dependent = false;
        level = null;
        resetLevel();
    }

    private void resetLevel() {
        dateQualifiers.clear();
        referenceQualifiers.clear();
        um01 = "";
        admissionDate = false;
        serviceLines = 0;
        dependentNamePosition = -1;
        dependentRelationship = false;
    }

    void endTransaction(long position) {
        if (body) {
            closeLevel();
            if ("1".equals(previousChildCode) && childCodeAllowed(previousLoop, previousChildCode)) {
                out.report(previousPosition, previousLoop, "HL", 4, null, "HL_CHILD_CODE",
                        "HL04 is 1 (a child level follows) but no HL follows this one");
            }
        }
        guide = null;
        body = false;
        request = false;
    }

    void segment(Segment s) {
        switch (s.tag) {
            case "GS" -> {
                gs01 = s.element(1);
                gs08 = s.element(8);
                gsPosition = s.position;
                gsReported = false;
            }
            case "ST" -> transactionHeader(s);
            case "BHT" -> bht06 = s.element(6);
            case "HL" -> {
                if (body) {
                    hierarchy(s);
                }
            }
            default -> {
                if (body && s.loop != null) {
                    body(s);
                }
            }
        }
    }

    private void transactionHeader(Segment s) {
        if (guide == null) {
            String code = StaediErrors.quotableCode(st01, 3);
            out.report(s.position, null, "ST", 1, null, "NOT_VALIDATED",
                    "transaction set " + (code == null ? "" : code + " ") + "is not one this validator knows"
                            + " (278 requests and responses, 999s are): only its envelope was checked");
            return;
        }
        if (!schemaChecked) {
            out.report(s.position, null, "ST", 1, null, "NOT_VALIDATED",
                    "a " + guide.title() + " is not validated against its implementation guide yet:"
                            + " only its envelope was checked");
        }
        if (!gsReported && !guide.functionalIdentifier().equals(gs01)) {
            gsReported = true;
            String code = StaediErrors.quotableCode(gs01, 2);
            out.report(gsPosition, null, "GS", 1, null, "GS_FUNCTIONAL_ID",
                    "GS01 is " + (code == null ? "not a valid code" : "'" + code + "'") + " but a "
                            + ("278".equals(st01) ? "278" : st01) + " travels in a group with GS01 = "
                            + guide.functionalIdentifier());
        }
        String st03 = s.element(3);
        if (st03.isEmpty()) {
            out.report(s.position, null, "ST", 3, null, "VERSION_MISMATCH",
                    "ST03 is empty: it must repeat the implementation guide of GS08 (" + guide.version() + ")");
        } else if (!st03.equals(gs08)) {
            out.report(s.position, null, "ST", 3, null, "VERSION_MISMATCH",
                    "ST03 (" + printable(st03) + ") and GS08 (" + printable(gs08) + ") name different guides");
        } else if (schemaChecked && !st03.equals(guide.version())) {
            out.report(s.position, null, "ST", 3, null, "GUIDE_VERSION",
                    "GS08 and ST03 say " + printable(st03) + ": a " + guide.title() + " must say " + guide.version());
        }
    }

    private static String printable(String version) {
        return version.length() <= 12 && version.chars().allMatch(Character::isLetterOrDigit) ? version : "?";
    }

    // ---------------------------------------------------------------- hierarchy

    private void hierarchy(Segment s) {
        closeLevel();
        String id = s.element(1);
        String parent = s.element(2);
        String code = s.element(3);
        String child = s.element(4);
        if (previousId != null && !parent.isEmpty() && childCodeAllowed(previousLoop, previousChildCode)) {
            boolean isChild = parent.equals(previousId);
            if ("1".equals(previousChildCode) && !isChild) {
                out.report(previousPosition, previousLoop, "HL", 4, null, "HL_CHILD_CODE",
                        "HL04 is 1 (a child level follows) but the next HL is not a child of this one");
            } else if ("0".equals(previousChildCode) && isChild) {
                out.report(previousPosition, previousLoop, "HL", 4, null, "HL_CHILD_CODE",
                        "HL04 is 0 (no child level) but the next HL is a child of this one");
            }
        }
        String expected = Integer.toString(nextHl++);
        if (!id.isEmpty() && !id.equals(expected)) {
            out.report(s.position, s.loop, "HL", 1, null, "HL_NUMBERING",
                    "HL01 is " + hlNumber(id) + " but must be " + expected
                            + ": HL segments are numbered 1, 2, 3 ... in the order they appear");
        }
        Set<String> allowed = parentLevels(code);
        if (!parent.isEmpty() && allowed != null) {
            String parentLevel = levels.get(parent);
            if (parentLevel == null) {
                out.report(s.position, s.loop, "HL", 2, null, "HL_PARENT",
                        "HL02 points at HL " + hlNumber(parent) + ", which does not come before this one");
            } else if (LEVEL_NAMES.containsKey(parentLevel) && !allowed.contains(parentLevel)) {
                out.report(s.position, s.loop, "HL", 2, null, "HL_PARENT",
                        "HL02 points at HL " + hlNumber(parent) + ", " + LEVEL_NAMES.get(parentLevel)
                                + "; " + LEVEL_NAMES.get(code) + " belongs under " + describe(allowed));
            }
        }
        // an HL without HL01 is taken as numbered as expected, so that its children are not reported too
        String key = id.isEmpty() ? expected : id;
        levels.putIfAbsent(key, code);
        if ("23".equals(code)) {
            dependent = true;
        }
        previousId = key;
        previousChildCode = child;
        previousPosition = s.position;
        previousLoop = s.loop;
        level = code;
        resetLevel();
    }

    /** Whether the guide's code list allows an HL04 value at a level: if not, the schema has reported it. */
    private boolean childCodeAllowed(String loop, String code) {
        if (loop == null) {
            return false;
        }
        return childCodes.computeIfAbsent(loop, l -> codeLists.codes(l, "HL", 4, null)).contains(code);
    }

    /** HL levels a level may hang under; {@code null} when the level is unknown (reported as LOOP_UNKNOWN). */
    private Set<String> parentLevels(String code) {
        return switch (code) {
            case "21" -> Set.of("20");
            case "22" -> Set.of("21");
            case "23" -> Set.of("22");
            case "EV" -> dependent ? Set.of("23") : Set.of("22");
            case "SS" -> Set.of("EV");
            default -> null;
        };
    }

    private static String describe(Set<String> levels) {
        return LEVEL_NAMES.get(levels.iterator().next());
    }

    private static String hlNumber(String id) {
        return id.length() <= 12 && id.chars().allMatch(Character::isLetterOrDigit) ? id : "?";
    }

    /** Checks that can only be made once a level (an HL and what follows it) is complete. */
    private void closeLevel() {
        if (request && "EV".equals(level) && "AR".equals(um01) && !admissionDate) {
            out.report(umPosition, "2000E", "DTP", null, null, "ADMISSION_DATE_REQUIRED",
                    "UM01 is AR (admission review) but the patient event has no admission date (DTP*435)");
        }
        // (verify) INS in 2010D: the stricter reading requires the relationship whenever there is a dependent
        if (dependentNamePosition >= 0 && !dependentRelationship) {
            out.report(dependentNamePosition, "2010D", "INS", null, null, "DEPENDENT_RELATIONSHIP_MISSING",
                    "the dependent (2010D) has no INS segment giving the relationship to the subscriber");
        }
    }

    // ---------------------------------------------------------------- loop bodies

    private void body(Segment s) {
        switch (s.tag) {
            case "NM1" -> {
                if ("2010D".equals(s.loop)) {
                    dependentNamePosition = s.position;
                }
            }
            case "INS" -> {
                if ("2010D".equals(s.loop)) {
                    dependentRelationship = true;
                }
            }
            case "DMG" -> {
                if ("D8".equals(s.element(1))) {
                    date(s, 2, 0, s.element(2), "D8", "DMG02 (date of birth)");
                }
            }
            case "TRN" -> {
                String company = s.element(3);
                if (!company.isEmpty() && company.charAt(0) != '1' && company.charAt(0) != '9') {
                    out.report(s.position, s.loop, "TRN", 3, null, "TRACE_COMPANY_ID",
                            "TRN03 must start with 1 (followed by the EIN) or 9 (followed by an id the sender assigns)");
                }
            }
            case "UM" -> reviewInformation(s);
            case "HCR" -> {
                String action = s.element(1);
                if (CERTIFYING_ACTIONS.contains(action) && s.element(2).isEmpty()) {
                    out.report(s.position, s.loop, "HCR", 2, null, "AUTHORIZATION_NUMBER_MISSING",
                            "HCR01 is " + action + " (it certifies) but HCR02, the certification number, is empty");
                }
            }
            case "REF" -> {
                if (isLevelLoop(s.loop)) {
                    once(referenceQualifiers, s, "REF");
                }
            }
            case "DTP" -> dates(s);
            case "HI" -> diagnoses(s);
            case "SV1", "SV2", "SV3" -> {
                if (++serviceLines > 1) {
                    out.report(s.position, s.loop, s.tag, null, null, "SERVICE_LINE_TYPE",
                            "a service level (2000F) carries one of SV1, SV2 or SV3 (X12 RFI 1889); this one has more");
                }
            }
            case "CR6" -> {
                String format = s.element(3);
                if (!format.isEmpty()) {
                    date(s, 4, 0, s.element(4), format, "CR604 (certification period)");
                }
            }
            default -> {
                // other captured segments have no rule of their own in their loop
            }
        }
    }

    private static boolean isLevelLoop(String loop) {
        return "2000E".equals(loop) || "2000F".equals(loop);
    }

    private void once(Set<String> seen, Segment s, String tag) {
        String qualifier = s.element(1);
        if (!qualifier.isEmpty() && !seen.add(qualifier)) {
            String code = StaediErrors.quotableCode(qualifier, 3);
            out.report(s.position, s.loop, tag, 1, null, "QUALIFIER_REPEATED",
                    tag + (code == null ? " with this qualifier" : "*" + code) + " appears more than once in " + s.loop
                            + "; the guide allows each qualifier once");
        }
    }

    private void reviewInformation(Segment s) {
        String category = s.element(1);
        if ("2000E".equals(s.loop)) {
            um01 = category;
            umPosition = s.position;
            boolean reservation = "RU".equals(bht06);
            if (reservation != "IN".equals(category) && !category.isEmpty()) {
                out.report(s.position, s.loop, "UM", 1, null, "RESERVATION_MISMATCH", reservation
                        ? "BHT06 is RU (medical services reservation) but UM01 is not IN"
                        : "UM01 is IN (individual) but BHT06 is not RU: IN is only for a medical services reservation");
            }
        }
        if ("1".equals(s.element(2)) && s.element(6).isEmpty()) {
            out.report(s.position, s.loop, "UM", 6, null, "LEVEL_OF_SERVICE_REQUIRED",
                    "UM06 (level of service) is required when UM02 is 1 (immediate appeal)");
        }
        String facility = s.component(4, 1);
        String qualifier = s.component(4, 2);
        if (!facility.isEmpty()) {
            String code = StaediErrors.quotableCode(facility, 2);
            if ("B".equals(qualifier) && !placeOfService.contains(facility)) {
                out.report(s.position, s.loop, "UM", 4, 1, "FACILITY_CODE_QUALIFIER",
                        "UM04-1 " + (code == null ? "" : "'" + code + "' ") + "is not a place-of-service code, as UM04-2 = B requires");
            } else if ("A".equals(qualifier) && !facilityType.contains(facility)) {
                out.report(s.position, s.loop, "UM", 4, 1, "FACILITY_CODE_QUALIFIER",
                        "UM04-1 " + (code == null ? "" : "'" + code + "' ") + "is not a NUBC facility type code, as UM04-2 = A requires");
            }
        }
    }

    private void dates(Segment s) {
        String qualifier = s.element(1);
        String format = s.element(2);
        if (isLevelLoop(s.loop)) {
            once(dateQualifiers, s, "DTP");
            if ("435".equals(qualifier) && "2000E".equals(s.loop)) {
                admissionDate = true;
            }
            Set<String> formats = DATE_FORMATS.get(qualifier);
            if (formats != null && ("D8".equals(format) || "RD8".equals(format)) && !formats.contains(format)) {
                out.report(s.position, s.loop, "DTP", 2, null, "DATE_QUALIFIER_FORMAT",
                        "DTP*" + qualifier + " takes " + String.join(" or ", new java.util.TreeSet<>(formats)) + " in DTP02");
            }
        }
        date(s, 3, 0, s.element(3), format, "DTP03");
    }

    /**
     * HI01 to HI12. The principal code may only come first. For ICD-10-CM the first must be the principal
     * (ABK): the stricter reading of "principal first"; the TR3's own ICD-9 examples start with BF, so ICD-9
     * qualifiers are not held to it.
     */
    private void diagnoses(Segment s) {
        boolean procedures = "2000F".equals(s.loop);
        Set<String> principal = procedures ? Set.of("BBR", "BR") : Set.of("ABK", "BK");
        for (int i = 1; i <= 12; i++) {
            String qualifier = s.component(i, 1);
            if (qualifier.isEmpty()) {
                continue;
            }
            if (i > 1 && principal.contains(qualifier)) {
                out.report(s.position, s.loop, "HI", i, 1, "HI_PRINCIPAL_POSITION",
                        String.format("HI%02d is %s, a principal code: only HI01 may carry the principal one", i, qualifier));
            }
            if (i == 1 && !procedures && qualifier.startsWith("AB") && !"ABK".equals(qualifier)) {
                String code = StaediErrors.quotableCode(qualifier, 3);
                out.report(s.position, s.loop, "HI", 1, 1, "HI_PRINCIPAL_FIRST",
                        "HI01 is " + (code == null ? "not ABK" : code)
                                + ": with ICD-10-CM codes the first diagnosis must be the principal one (ABK)");
            }
            String format = s.component(i, 3);
            if (!format.isEmpty()) {
                date(s, i, 4, s.component(i, 4), format, String.format("HI%02d-4", i));
            }
        }
    }

    // ---------------------------------------------------------------- dates

    /** Checks a D8 or RD8 value; other formats are left to the schema's code list. */
    private void date(Segment s, int element, int component, String value, String format, String what) {
        Integer comp = component > 0 ? component : null;
        if (value.isEmpty()) {
            return;
        }
        if ("D8".equals(format)) {
            if (!digits(value, 0, 8) || value.length() != 8) {
                out.report(s.position, s.loop, s.tag, element, comp, "DATE_FORMAT", what + " must be a date CCYYMMDD (format D8)");
            } else if (!calendarDate(value, 0)) {
                out.report(s.position, s.loop, s.tag, element, comp, "DATE_INVALID", what + " is not a real calendar date");
            }
        } else if ("RD8".equals(format)) {
            if (value.length() != 17 || value.charAt(8) != '-' || !digits(value, 0, 8) || !digits(value, 9, 17)) {
                out.report(s.position, s.loop, s.tag, element, comp, "DATE_FORMAT",
                        what + " must be a date range CCYYMMDD-CCYYMMDD (format RD8)");
            } else if (!calendarDate(value, 0) || !calendarDate(value, 9)) {
                out.report(s.position, s.loop, s.tag, element, comp, "DATE_INVALID",
                        what + " holds a date that is not a real calendar date");
            } else if (value.substring(0, 8).compareTo(value.substring(9)) > 0) {
                out.report(s.position, s.loop, s.tag, element, comp, "DATE_RANGE",
                        what + " ends before it starts");
            }
        }
    }

    private static boolean digits(String s, int from, int to) {
        if (s.length() < to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether 8 digits at {@code from} are a real date (proleptic Gregorian, years 1-9999). */
    static boolean calendarDate(String s, int from) {
        int year = Integer.parseInt(s, from, from + 4, 10);
        int month = Integer.parseInt(s, from + 4, from + 6, 10);
        int day = Integer.parseInt(s, from + 6, from + 8, 10);
        if (year < 1 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        int days = switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
        return day <= days;
    }
}
