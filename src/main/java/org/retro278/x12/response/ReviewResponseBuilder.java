package org.retro278.x12.response;

import static org.retro278.x12.response.CodedElement.AAA03;
import static org.retro278.x12.response.CodedElement.AAA04;
import static org.retro278.x12.response.CodedElement.HCR01;
import static org.retro278.x12.response.CodedElement.PWK01;
import static org.retro278.x12.response.CodedElement.PWK02;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.retro278.x12.ElementsWanted;
import org.retro278.x12.X12Problem;

/**
 * Builds a {@link ReviewResponse} from the segments of a 278. Where a segment belongs is worked out from the
 * data (HL03 and the NM1 segments after it), not from the schema, so a response reads the same with and
 * without validation and even when its structure is faulty.
 */
final class ReviewResponseBuilder extends SetBuilder {

    /** Read wherever they stand. */
    private static final ElementsWanted WANTS = ElementsWanted.NONE.and("BHT", 2, 3, 6).and("HL", 1, 3).and("NM1", 1)
            .and("AAA", 1, 3, 4);
    /**
     * Read at a level that may carry a decision (the patient event, a service), outside its name loops. PWK01 and
     * PWK02 only: never PWK05/PWK06 (an attachment control number) nor the MSG after it.
     */
    private static final ElementsWanted AT_DECISION = ElementsWanted.NONE.and("TRN", 1, 2, 3, 4).and("HCR", 1, 2, 3, 4)
            .and("REF", 1, 2).and("DTP", 1, 2, 3).and("PWK", 1, 2);
    /** Read at a service, outside its name loop. */
    private static final ElementsWanted AT_SERVICE = ElementsWanted.NONE.and("SV1", 1).and("SV3", 1).and("HI", 1)
            .and("SV2", 1, 2);

    /** HL03 -> the loop of its level. */
    private static final Map<String, String> LEVEL_LOOPS = Map.of(
            "20", "2000A", "21", "2000B", "22", "2000C", "23", "2000D", "EV", "2000E", "SS", "2000F");

    private boolean response = true;
    private String bht03;
    private String bht06;
    private final List<Trace> traces = new ArrayList<>();
    private final List<Trace> umoTraces = new ArrayList<>();
    private final List<RequestValidation> validations = new ArrayList<>();
    private final List<ServiceDecision> services = new ArrayList<>();
    private final List<DocumentRequest> documents = new ArrayList<>();

    /** HL03 of the current level. */
    private String level;
    /** Loop id of where the reader is: 2000A-2000F, or the 2010 loop after an NM1. */
    private String loop;
    private boolean inName;
    private final DecisionParts event = new DecisionParts();
    private ServiceParts service;
    private int serviceCount;

    ReviewResponseBuilder(CodeWords words, Envelope envelope) {
        super(words, envelope, WANTS);
    }

    @Override
    long wants(String tag) {
        boolean decisionLevel = !inName && ("EV".equals(level) || "SS".equals(level));
        boolean serviceLevel = !inName && service != null;
        return super.wants(tag) | (decisionLevel ? AT_DECISION.of(tag) : 0L) | (serviceLevel ? AT_SERVICE.of(tag) : 0L);
    }

    @Override
    void segment(SegmentValues v) {
        switch (v.tag) {
            case "BHT" -> {
                response = "11".equals(v.get(2));
                bht03 = v.get(3);
                bht06 = v.get(6);
            }
            case "HL" -> level(v.get(1), v.get(3));
            case "NM1" -> {
                inName = true;
                loop = nameLoop(level, v.get(1));
            }
            case "AAA" -> validations.add(new RequestValidation(loop, service == null ? null : service.position,
                    "Y".equals(v.get(1)), words.of(AAA03, v.get(3)), words.of(AAA04, v.get(4))));
            case "TRN" -> trace(v);
            case "HCR" -> decisionParts().action(v);
            case "REF" -> decisionParts().reference(v.get(1), v.get(2));
            case "DTP" -> {
                DateRange dates = DateRange.parse(v.get(2), v.get(3));
                String qualifier = v.get(1);
                if ("472".equals(qualifier) && service != null) {
                    service.dates = dates;
                } else {
                    decisionParts().date(qualifier, dates);
                }
            }
            case "PWK" -> documents.add(new DocumentRequest(service != null ? "2000F" : "2000E",
                    service == null ? null : service.position, words.of(PWK01, v.get(1)), words.of(PWK02, v.get(2))));
            case "SV1", "SV3" -> service.procedure(v.get(1, 1), v.get(1, 2), v.components(1, 3, 6), null);
            case "SV2" -> service.procedure(v.get(2, 1), v.get(2, 2), v.components(2, 3, 6), v.get(1));
            case "HI" -> {
                if (service.procedure == null) {
                    service.procedure(v.get(1, 1), v.get(1, 2), List.of(), null);
                }
            }
            default -> {
                // nothing else is read
            }
        }
    }

    private void level(String id, String code) {
        closeService();
        level = code;
        inName = false;
        loop = levelLoop(code);
        if ("SS".equals(code)) {
            service = new ServiceParts(++serviceCount, id);
        }
    }

    private void closeService() {
        if (service != null) {
            services.add(service.build(words));
            service = null;
        }
    }

    private DecisionParts decisionParts() {
        return service != null ? service.decision : event;
    }

    private void trace(SegmentValues v) {
        Trace trace = new Trace(v.get(2), v.get(3), v.get(4));
        String type = v.get(1);
        if (service != null) {
            if ("2".equals(type)) {
                service.traces.add(trace);
            }
        } else if ("2".equals(type)) {
            traces.add(trace);
        } else if ("1".equals(type)) {
            umoTraces.add(trace);
        }
    }

    static String levelLoop(String hl03) {
        return hl03 == null ? null : LEVEL_LOOPS.get(hl03);
    }

    /** The 2010 loop of a level's NM1: the one of the level's letter, except the patient event's three. */
    static String nameLoop(String hl03, String nm101) {
        String level = levelLoop(hl03);
        if (level == null) {
            return null;
        }
        if (!"EV".equals(hl03)) {
            return "2010" + level.charAt(4);
        }
        return nm101 == null ? "2010EA" : switch (nm101) {
            case "X3" -> "2010EC";
            case "45", "FS", "ND", "PW", "R3" -> "2010EB";
            default -> "2010EA";
        };
    }

    @Override
    boolean reported() {
        return response;
    }

    @Override
    InboundDocument build(List<X12Problem> problems) {
        closeService();
        Decision eventDecision = event.build(words);
        boolean moreToFollow = "19".equals(bht06);
        Ruling ruling = VerdictRules.of(moreToFollow, validations, eventDecision, services);
        return new ReviewResponse(envelope, bht03, traces, umoTraces, moreToFollow, validations, eventDecision, services,
                documents, ruling, problems);
    }

    /** What the HCR, REF and DTP segments of one level say. */
    private static final class DecisionParts {
        private String action;
        private String number;
        private List<String> reasons = List.of();
        private String secondOpinion;
        private String adminReference;
        private String previousAuthorization;
        private DateRange event;
        private DateRange issued;
        private DateRange effective;
        private DateRange expires;
        private boolean any;

        void action(SegmentValues v) {
            any = true;
            action = v.get(1);
            number = v.get(2);
            reasons = v.repetitions(3);
            secondOpinion = v.get(4);
        }

        void reference(String qualifier, String value) {
            if ("NT".equals(qualifier)) {
                adminReference = value;
                any = true;
            } else if ("BB".equals(qualifier)) {
                previousAuthorization = value;
                any = true;
            }
        }

        void date(String qualifier, DateRange dates) {
            if (qualifier == null) {
                return;
            }
            switch (qualifier) {
                case "AAH" -> event = dates;
                case "102" -> issued = dates;
                case "007" -> effective = dates;
                case "036" -> expires = dates;
                default -> {
                    return; // admission and discharge dates repeat the request
                }
            }
            any = true;
        }

        Decision build(CodeWords words) {
            if (!any) {
                return null;
            }
            String authorization = number != null ? number : previousAuthorization;
            String from = number != null ? "HCR02" : previousAuthorization != null ? "REF*BB" : null;
            List<Code> reasonCodes = new ArrayList<>(reasons.size());
            for (String r : reasons) {
                reasonCodes.add(words.decisionReason(r));
            }
            Boolean opinion = "Y".equals(secondOpinion) ? Boolean.TRUE : "N".equals(secondOpinion) ? Boolean.FALSE : null;
            CertifiedDates dates = new CertifiedDates(event, issued, effective, expires);
            return new Decision(words.of(HCR01, action), authorization, from, reasonCodes, adminReference, previousAuthorization,
                    opinion, dates);
        }
    }

    /** One 2000F being read. */
    private static final class ServiceParts {
        final int position;
        final String id;
        final List<Trace> traces = new ArrayList<>(1);
        final DecisionParts decision = new DecisionParts();
        Procedure procedure;
        DateRange dates;

        ServiceParts(int position, String id) {
            this.position = position;
            this.id = id;
        }

        void procedure(String qualifier, String code, List<String> modifiers, String revenueCode) {
            if (qualifier != null || code != null || revenueCode != null) {
                procedure = new Procedure(qualifier, code, modifiers, revenueCode);
            }
        }

        ServiceDecision build(CodeWords words) {
            return new ServiceDecision(position, id, traces, procedure, dates, decision.build(words));
        }
    }
}
