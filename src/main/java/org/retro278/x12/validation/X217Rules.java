package org.retro278.x12.validation;

import java.util.List;
import java.util.function.Function;
import org.retro278.x12.ElementsWanted;

/**
 * Every check of ours on the 278: what the 005010X217 request and response require and the StAEDI schemas
 * cannot say (the 999 and TA1 have theirs in {@link AcknowledgmentRules}). The rules themselves are in
 * families behind {@link SetRule}: {@link EnvelopeRules}, {@link HierarchyRules}, {@link DateRules},
 * {@link DiagnosisRules} and {@link SituationalRules}; this class hands each the segments of its sets.
 * StAEDI checks structure, usage, lengths, code lists and the envelope counts and control numbers (SE01,
 * SE02, GE01, GE02, IEA01, IEA02); these rules add what it does not, and report in the same form.
 *
 * <p>Rules (the names are stable; tests and a later 999 generator key on them):
 * <dl>
 *   <dt>ISA_ELEMENT_WIDTH</dt><dd>ISA elements are fixed width (StAEDI only says the header is unreadable).</dd>
 *   <dt>GS_FUNCTIONAL_ID</dt><dd>GS01 must be HI around a 278, FA around a 999 (StAEDI accepts a 278 under HC).</dd>
 *   <dt>VERSION_MISMATCH</dt><dd>ST03 must be present and repeat GS08 (an ST03 naming the right guide under a
 *       wrong GS08 is not the one in error).</dd>
 *   <dt>GUIDE_VERSION</dt><dd>GS08 must name the set's guide (005010X217 for a 278), reported at GS08 once per
 *       group; an ST03 repeating a wrong GS08 is not reported again.</dd>
 *   <dt>NOT_VALIDATED</dt><dd>a set for which no implementation schema exists (yet): only its envelope was
 *       checked. Reported so that "no other problem" is never mistaken for "valid".</dd>
 *   <dt>HL_NUMBERING</dt><dd>HL01 is 1, 2, 3... in order.</dd>
 *   <dt>HL_PARENT</dt><dd>HL02 names an earlier HL of the right level: 2000B under 2000A, 2000C under 2000B,
 *       2000D under 2000C, 2000E under 2000D when there is a dependent and under 2000C otherwise, 2000F under
 *       2000E (StAEDI would just start a new level).</dd>
 *   <dt>HL_CHILD_CODE</dt><dd>HL04 is 1 exactly when the next HL is a child of this one.</dd>
 *   <dt>LOOP_MISSING</dt><dd>(response) the requester, subscriber and patient event levels may be left out
 *       only below a level carrying AAA (a rejection at 2000A-2010D), the shape the guide prescribes.</dd>
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
 *   <dt>HI_PRINCIPAL_POSITION</dt><dd>a principal code (ABK, BK; BBR, BR for procedures), when there is one,
 *       stands first: only HI01 may carry it. (HI_PRINCIPAL_FIRST, "HI01 must be ABK", is retired: the notes
 *       do not require a principal diagnosis.)</dd>
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
 * DTP*435 and DTP*007 (certification effective date) take D8 only (the format marks of DTP01 in the
 * schemas, read by {@link DateRules}); 2010D must carry INS and HCR02 is required
 * with A1, A2 and A6 ({@link SituationalRules}).
 *
 * <p>Not a rule here: repeat counts per parent HL. In the request every level but 2000F occurs once per set,
 * so StAEDI's per-set loop counts already are per-parent counts, and StAEDI restarts segment and name-loop
 * counts with each loop occurrence (checked: seven 2010F and six PWK under each of two 2000F pass).
 *
 * <p>Messages never quote element values that may carry PHI (names, ids, dates, diagnoses, free text);
 * codes, HL numbers and control numbers may be quoted.
 */
final class X217Rules implements SetRule {

    private final Function<TransactionGuide, X217CodeLists> guideCodeLists;
    private final InterchangeControl control;
    private final EnvelopeRules envelope;
    private final SituationalRules situational;
    /** The body families, in the order they see a segment: a level is closed before the HL tree is judged. */
    private final List<SetRule> body;
    private final ElementsWanted wanted;
    private boolean bodyRules;

    /** @param codeLists the code lists of each guide (the request's give the place-of-service and facility lists) */
    X217Rules(Reporter out, Function<TransactionGuide, X217CodeLists> codeLists, InterchangeControl control) {
        this.guideCodeLists = codeLists;
        X217CodeLists requestLists = codeLists.apply(TransactionGuide.X217_REQUEST);
        DateValues dates = new DateValues(out);
        this.control = control;
        this.envelope = new EnvelopeRules(out, control);
        this.situational = new SituationalRules(out, requestLists);
        this.body = List.of(situational,
                new DateRules(out, dates, List.of(requestLists, codeLists.apply(TransactionGuide.X217_RESPONSE))),
                new DiagnosisRules(out, dates), new HierarchyRules(out, requestLists));
        ElementsWanted all = envelope.wanted();
        for (SetRule rule : body) {
            all = all.union(rule.wanted());
        }
        this.wanted = all;
    }

    /** Characters of a whole ISA segment, from the interchange control schema. */
    int isaLength() {
        return control.isaLength();
    }

    @Override
    public ElementsWanted wanted() {
        return wanted;
    }

    /** Whether a component of a wanted element is read: only HI's diagnosis codes (component 2) are not. */
    static boolean wantsComponent(String tag, int component) {
        return DiagnosisRules.wantsComponent(tag, component);
    }

    /** ISA widths, from the raw header before StAEDI reads it (see {@link EnvelopeRules#interchangeHeader}). */
    void interchangeHeader(String raw, long position) {
        envelope.interchangeHeader(raw, position);
    }

    void startTransaction(TransactionGuide guide, boolean schemaChecked, String st01) {
        startTransaction(guide, schemaChecked, st01, true);
    }

    /**
     * @param bodyRules whether the set's body gets the guide's own checks (HL, dates, situational rules);
     *                  off when only the envelope is verified
     */
    void startTransaction(TransactionGuide guide, boolean schemaChecked, String st01, boolean bodyRules) {
        SetScope probe = new SetScope(guide, schemaChecked, st01, bodyRules, null);
        startSet(probe.body() ? new SetScope(guide, schemaChecked, st01, bodyRules, guideCodeLists.apply(guide)) : probe);
    }

    @Override
    public void startSet(SetScope scope) {
        this.bodyRules = scope.body();
        envelope.startSet(scope);
        for (SetRule rule : body) {
            rule.startSet(scope);
        }
    }

    @Override
    public void endSet() {
        for (SetRule rule : body) {
            rule.endSet();
        }
        envelope.endSet();
        bodyRules = false;
    }

    @Override
    public void segment(Segment s) {
        switch (s.tag) {
            case "GS", "ST" -> envelope.segment(s);
            // BHT06 is kept for the reservation rule whatever the set; only body sets read it
            case "BHT" -> situational.segment(s);
            case "HL", "SE" -> {
                if (bodyRules) {
                    body.forEach(rule -> rule.segment(s));
                }
            }
            default -> {
                if (bodyRules && s.loop != null) {
                    body.forEach(rule -> rule.segment(s));
                }
            }
        }
    }
}
