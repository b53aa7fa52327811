package org.retro278.x12.validation;

import java.util.Set;
import org.retro278.x12.ElementsWanted;

/**
 * The guide's situational rules, which compare values across segments of one level: the reservation pair
 * BHT06 / UM01, UM06 with an immediate appeal, the UM04 facility code against its qualifier, one service line
 * segment per service, TRN03's form, HCR02 with a certifying decision, INS for a dependent, the admission
 * date of an admission review, and each REF qualifier once per level. Some can only be judged once a level
 * is complete: at the next HL and at the end of the set.
 */
final class SituationalRules extends RuleFamily {

    private static final ElementsWanted WANTS = ElementsWanted.NONE.and("BHT", 6).and("HL", 3).and("DTP", 1)
            .and("NM1", 1).and("REF", 1).and("HCR", 1, 2).and("TRN", 3).and("UM", 1, 2, 4, 6)
            .and("INS").and("SV1").and("SV2").and("SV3");

    /**
     * HCR01 values that certify something and so need the certification number in HCR02: the notes say
     * "required in practice for A1/A2/A6 (verify exact TR3 condition)"; the stricter reading requires it.
     */
    static final Set<String> CERTIFYING_ACTIONS = Set.of("A1", "A2", "A6");

    private final Set<String> placeOfService;
    private final Set<String> facilityType;

    private boolean body;
    private boolean request;
    private String bht06 = "";
    /** HL03 of the level being read. */
    private String level;
    private final RepeatedQualifiers referenceQualifiers = new RepeatedQualifiers();
    private String um01 = "";
    private long umPosition;
    private boolean admissionDate;
    private int serviceLines;
    private long dependentNamePosition = -1;
    private boolean dependentRelationship;

    /** @param requestLists the request guide's code lists, which give the place-of-service and facility lists */
    SituationalRules(Reporter out, X217CodeLists requestLists) {
        super(out, WANTS);
        this.placeOfService = requestLists.placeOfServiceCodes();
        this.facilityType = requestLists.facilityTypeCodes();
    }

    @Override
    public void startSet(SetScope scope) {
        body = scope.body();
        request = scope.request();
        bht06 = "";
        level = null;
        resetLevel();
    }

    @Override
    public void endSet() {
        if (body) {
            closeLevel();
        }
        body = false;
        request = false;
    }

    private void resetLevel() {
        referenceQualifiers.clear();
        um01 = "";
        admissionDate = false;
        serviceLines = 0;
        dependentNamePosition = -1;
        dependentRelationship = false;
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

    @Override
    public void segment(Segment s) {
        switch (s.tag) {
            case "BHT" -> bht06 = s.element(6);
            case "HL" -> {
                closeLevel();
                level = s.element(3);
                resetLevel();
            }
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
                if (RepeatedQualifiers.isLevelLoop(s.loop)) {
                    referenceQualifiers.check(s, out);
                }
            }
            case "DTP" -> {
                if ("435".equals(s.element(1)) && "2000E".equals(s.loop)) {
                    admissionDate = true;
                }
            }
            case "SV1", "SV2", "SV3" -> {
                if (++serviceLines > 1) {
                    out.report(s.position, s.loop, s.tag, null, null, "SERVICE_LINE_TYPE",
                            "a service level (2000F) carries one of SV1, SV2 or SV3 (X12 RFI 1889); this one has more");
                }
            }
            default -> {
                // other captured segments have no situational rule
            }
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
}
