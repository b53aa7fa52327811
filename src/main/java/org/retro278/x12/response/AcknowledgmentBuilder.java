package org.retro278.x12.response;

import static org.retro278.x12.response.CodedElement.AK901;
import static org.retro278.x12.response.CodedElement.AK905;
import static org.retro278.x12.response.CodedElement.IK304;
import static org.retro278.x12.response.CodedElement.IK403;
import static org.retro278.x12.response.CodedElement.IK501;
import static org.retro278.x12.response.CodedElement.IK502;

import java.util.ArrayList;
import java.util.List;
import org.retro278.x12.ElementsWanted;
import org.retro278.x12.X12Problem;

/**
 * Builds an {@link ImplementationAcknowledgment} from the segments of a 999. IK404 (the copy of the bad data)
 * and CTX are never asked for: they may carry PHI.
 *
 * <p>A set is only what an AK2 opens: an IK3, IK4 or IK5 outside an AK2 loop (before the first AK2, after the
 * loop's IK5) is reported as {@code ACK_SEGMENT_OUT_OF_PLACE} and read into no set, and a second IK5 in one
 * loop decides nothing more (two that disagree leave the set for review). A 999 whose AK901 contradicts the
 * IK501 of its sets is reported as {@code ACK_CONTRADICTION} and accepts no claim ({@link VerdictRules}).
 */
final class AcknowledgmentBuilder extends SetBuilder {

    private static final ElementsWanted WANTS = ElementsWanted.NONE.and("AK1", 1, 2, 3).and("AK2", 1, 2, 3)
            .and("IK3", 1, 2, 3, 4).and("IK4", 1, 2, 3).and("IK5", 1, 2, 3, 4, 5, 6).and("AK9", 1, 2, 3, 4, 5, 6, 7, 8, 9);

    private String functionalId;
    private String groupControlNumber;
    private String version;
    private Code groupStatus;
    private final List<Code> groupErrors = new ArrayList<>();
    private Integer setsIncluded;
    private Integer setsReceived;
    private Integer setsAccepted;
    private final List<AcknowledgedSet> sets = new ArrayList<>();
    private final List<X12Problem> found = new ArrayList<>();
    private long ak9Position;

    private SetParts set;

    AcknowledgmentBuilder(CodeWords words, Envelope envelope) {
        super(words, envelope, WANTS);
    }

    @Override
    void segment(SegmentValues v) {
        switch (v.tag) {
            case "AK1" -> {
                functionalId = v.get(1);
                groupControlNumber = v.get(2);
                version = v.get(3);
            }
            case "AK2" -> {
                closeSet();
                set = new SetParts(v.get(1), v.get(2), v.get(3));
            }
            case "IK3" -> {
                if (open(v)) {
                    set.segments.add(new SegmentParts(v.get(1), v.number(2, 1), v.get(3), words.of(IK304, v.get(4))));
                }
            }
            case "IK4" -> {
                if (open(v)) {
                    if (set.segments.isEmpty()) {
                        set.segments.add(new SegmentParts(null, null, null, null));
                    }
                    set.segments.get(set.segments.size() - 1).elements.add(new ElementError(v.number(1, 1), v.number(1, 2),
                            v.number(1, 3), v.get(2), words.of(IK403, v.get(3))));
                }
            }
            case "IK5" -> setResponse(v);
            case "AK9" -> {
                closeSet();
                ak9Position = v.position;
                groupStatus = words.of(AK901, v.get(1));
                setsIncluded = v.number(2, 1);
                setsReceived = v.number(3, 1);
                setsAccepted = v.number(4, 1);
                for (int e = 5; e <= 9; e++) {
                    Code c = words.of(AK905, v.get(e));
                    if (c != null) {
                        groupErrors.add(c);
                    }
                }
            }
            default -> {
                // nothing else is read
            }
        }
    }

    /** Whether an AK2 loop is open for an IK3 or IK4 (before its IK5); if not, the segment is reported, not read. */
    private boolean open(SegmentValues v) {
        if (set == null || set.status != null) {
            outOfPlace(v, set == null ? "outside any AK2 loop" : "after the IK5 that ends its AK2 loop");
            return false;
        }
        return true;
    }

    /** IK5: the set's response, once; a stray one invents no set, a repeated one decides nothing more. */
    private void setResponse(SegmentValues v) {
        if (set == null) {
            outOfPlace(v, "outside any AK2 loop (no set is read from it)");
            return;
        }
        Code status = words.of(IK501, v.get(1));
        if (set.responded) {
            outOfPlace(v, "again in the same AK2 loop (the first IK5 stands" + (sameCode(set.status, status) ? ")"
                    : "; they disagree, so the set needs review)"));
            if (!sameCode(set.status, status) && set.repeated == null) {
                set.repeated = status == null ? new Code("", "no IK501") : status;
            }
            return;
        }
        set.responded = true;
        set.status = status;
        for (int e = 2; e <= 6; e++) {
            Code c = words.of(IK502, v.get(e));
            if (c != null) {
                set.errors.add(c);
            }
        }
    }

    private static boolean sameCode(Code a, Code b) {
        return a == null ? b == null : b != null && a.code().equals(b.code());
    }

    private void outOfPlace(SegmentValues v, String where) {
        found.add(new X12Problem(v.position, position(v.position), envelope.transactionControlNumber(), null, v.tag, null, null,
                "ACK_SEGMENT_OUT_OF_PLACE", v.tag + " " + where));
    }

    private Integer position(long segmentPosition) {
        long p = segmentPosition - envelope.segmentPosition() + 1;
        return p > 0 && p <= Integer.MAX_VALUE ? (int) p : null;
    }

    private void closeSet() {
        if (set != null) {
            sets.add(set.build());
            set = null;
        }
    }

    @Override
    InboundDocument build(List<X12Problem> problems) {
        closeSet();
        List<AcknowledgedSet> decided = sets;
        if (VerdictRules.contradicts(groupStatus, sets)) {
            boolean rejected = !"A".equals(groupStatus.code()) && !"E".equals(groupStatus.code());
            found.add(new X12Problem(ak9Position, position(ak9Position), envelope.transactionControlNumber(), null, "AK9", 1, null,
                    "ACK_CONTRADICTION", rejected
                            ? "AK901 rejects the group but IK501 accepts a set of it: no set of this 999 is taken as accepted"
                            : "AK901 accepts the group but IK501 rejects a set of it: sets without an AK2 are not taken as accepted"));
            if (rejected) {
                decided = new ArrayList<>(sets.size());
                for (AcknowledgedSet a : sets) {
                    decided.add(a.ruling().verdict() != Verdict.ACCEPTED ? a : new AcknowledgedSet(a.transactionSetId(),
                            a.controlNumber(), a.version(), a.status(), a.setErrors(), a.errors(),
                            VerdictRules.ofContradictedSet(groupStatus, a.status())));
                }
            }
        }
        List<X12Problem> all = problems;
        if (!found.isEmpty()) {
            all = new ArrayList<>(problems);
            all.addAll(found);
        }
        Ruling unlisted = VerdictRules.ofGroup(groupStatus, decided, setsIncluded, setsReceived, setsAccepted);
        return new ImplementationAcknowledgment(envelope, functionalId, groupControlNumber, version, groupStatus,
                groupErrors, setsIncluded, setsReceived, setsAccepted, decided, unlisted, all);
    }

    private static final class SetParts {
        final String id;
        final String controlNumber;
        final String version;
        final List<SegmentParts> segments = new ArrayList<>();
        final List<Code> errors = new ArrayList<>();
        Code status;
        boolean responded;
        Code repeated;

        SetParts(String id, String controlNumber, String version) {
            this.id = id;
            this.controlNumber = controlNumber;
            this.version = version;
        }

        AcknowledgedSet build() {
            List<SegmentError> built = new ArrayList<>(segments.size());
            for (SegmentParts s : segments) {
                built.add(new SegmentError(s.segment, s.position, s.loop, s.error, s.elements));
            }
            return new AcknowledgedSet(id, controlNumber, version, status, errors, built, VerdictRules.ofSet(status, repeated));
        }
    }

    private record SegmentParts(String segment, Integer position, String loop, Code error, List<ElementError> elements) {
        SegmentParts(String segment, Integer position, String loop, Code error) {
            this(segment, position, loop, error, new ArrayList<>());
        }
    }
}
