package org.retro278.x12.response;

import static org.retro278.x12.response.SetBuilder.bits;

import java.util.ArrayList;
import java.util.List;
import org.retro278.x12.X12Problem;

/**
 * Builds an {@link ImplementationAcknowledgment} from the segments of a 999. IK404 (the copy of the bad data)
 * and CTX are never asked for: they may carry PHI.
 */
final class AcknowledgmentBuilder implements SetBuilder {

    private final CodeWords words;
    private final Envelope envelope;

    private String functionalId;
    private String groupControlNumber;
    private String version;
    private Code groupStatus;
    private final List<Code> groupErrors = new ArrayList<>();
    private Integer setsIncluded;
    private Integer setsReceived;
    private Integer setsAccepted;
    private final List<AcknowledgedSet> sets = new ArrayList<>();

    private SetParts set;

    AcknowledgmentBuilder(CodeWords words, Envelope envelope) {
        this.words = words;
        this.envelope = envelope;
    }

    @Override
    public long wants(String tag) {
        return switch (tag) {
            case "AK1", "AK2", "IK4" -> bits(1, 2, 3);
            case "IK3" -> bits(1, 2, 3, 4);
            case "IK5" -> bits(1, 2, 3, 4, 5, 6);
            case "AK9" -> bits(1, 2, 3, 4, 5, 6, 7, 8, 9);
            default -> 0L;
        };
    }

    @Override
    public void segment(SegmentValues v) {
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
            case "IK3" -> current().segments.add(new SegmentParts(v.get(1), v.number(2, 1), v.get(3),
                    words.segmentError(v.get(4))));
            case "IK4" -> {
                SetParts s = current();
                if (s.segments.isEmpty()) {
                    s.segments.add(new SegmentParts(null, null, null, null));
                }
                s.segments.get(s.segments.size() - 1).elements.add(new ElementError(v.number(1, 1), v.number(1, 2),
                        v.number(1, 3), v.get(2), words.elementError(v.get(3))));
            }
            case "IK5" -> {
                SetParts s = current();
                s.status = words.setStatus(v.get(1));
                for (int e = 2; e <= 6; e++) {
                    Code c = words.setError(v.get(e));
                    if (c != null) {
                        s.errors.add(c);
                    }
                }
                closeSet();
            }
            case "AK9" -> {
                closeSet();
                groupStatus = words.groupStatus(v.get(1));
                setsIncluded = v.number(2, 1);
                setsReceived = v.number(3, 1);
                setsAccepted = v.number(4, 1);
                for (int e = 5; e <= 9; e++) {
                    Code c = words.groupError(v.get(e));
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

    /** The AK2 loop being read; one without its AK2 (a broken 999) still keeps what it says. */
    private SetParts current() {
        if (set == null) {
            set = new SetParts(null, null, null);
        }
        return set;
    }

    private void closeSet() {
        if (set != null) {
            sets.add(set.build());
            set = null;
        }
    }

    @Override
    public boolean reported() {
        return true;
    }

    @Override
    public InboundDocument build(List<X12Problem> problems) {
        closeSet();
        ClaimOutcome unlisted = ClaimStateRollup.ofGroup(groupStatus, sets, setsIncluded, setsReceived, setsAccepted);
        return new ImplementationAcknowledgment(envelope, functionalId, groupControlNumber, version, groupStatus,
                groupErrors, setsIncluded, setsReceived, setsAccepted, sets, unlisted, problems);
    }

    private static final class SetParts {
        final String id;
        final String controlNumber;
        final String version;
        final List<SegmentParts> segments = new ArrayList<>();
        final List<Code> errors = new ArrayList<>();
        Code status;

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
            return new AcknowledgedSet(id, controlNumber, version, status, errors, built, ClaimStateRollup.ofSet(status));
        }
    }

    private record SegmentParts(String segment, Integer position, String loop, Code error, List<ElementError> elements) {
        SegmentParts(String segment, Integer position, String loop, Code error) {
            this(segment, position, loop, error, new ArrayList<>());
        }
    }
}
