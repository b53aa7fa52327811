package org.retro278.x12.validation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.retro278.x12.ElementsWanted;

/**
 * The HL tree of a 278: HL01 numbered 1, 2, 3... in order; HL02 naming an earlier HL of the right level
 * (StAEDI would just start a new level); HL04 saying 1 exactly when the next HL is a child of this one.
 * In a response the requester, subscriber and patient event levels may be left out below a level that
 * rejects the request (AAA), the shape the guide prescribes; without such an AAA a missing one is reported.
 */
final class HierarchyRules extends RuleFamily {

    private static final ElementsWanted WANTS = ElementsWanted.NONE.and("HL", 1, 2, 3, 4).and("AAA").and("SE");

    private static final Map<String, String> LEVEL_NAMES = Map.of(
            "20", "the UMO level (2000A)", "21", "the requester level (2000B)", "22", "the subscriber level (2000C)",
            "23", "the dependent level (2000D)", "EV", "the patient event level (2000E)", "SS", "a service level (2000F)");

    /** The levels a response may leave out below a rejection, in order, with their loop ids and titles. */
    private static final List<String> RESPONSE_LEVELS = List.of("21", "22", "EV");
    private static final Map<String, String> LEVEL_LOOPS = Map.of(
            "21", "2000B (Requester Level)", "22", "2000C (Subscriber Level)", "EV", "2000E (Patient Event Level)");
    /** Where an AAA rejects the request above the patient event, so that the levels below may be left out. */
    private static final Set<String> REJECTING_LOOPS = Set.of("2000A", "2010A", "2000B", "2010B", "2000C", "2010C",
            "2000D", "2010D");

    /** The code lists of the set's guide; they cache what they are asked, per guide. */
    private X217CodeLists codeLists;

    private boolean body;
    private boolean response;
    private boolean rejected;
    private final Set<String> levelsSeen = new HashSet<>();
    private int nextHl;
    private final Map<String, String> levels = new HashMap<>();
    private String previousId;
    private String previousChildCode;
    private long previousPosition;
    private String previousLoop;
    private boolean dependent;

    /** @param requestLists the code lists used until a set of another guide is read */
    HierarchyRules(Reporter out, X217CodeLists requestLists) {
        super(out, WANTS);
        this.codeLists = requestLists;
    }

    @Override
    public void startSet(SetScope scope) {
        body = scope.body();
        if (body) {
            codeLists = scope.codeLists();
        }
        response = body && !scope.request();
        rejected = false;
        levelsSeen.clear();
        nextHl = 1;
        levels.clear();
        previousId = null;
        previousChildCode = null;
        dependent = false;
    }

    @Override
    public void endSet() {
        if (body && "1".equals(previousChildCode) && childCodeAllowed(previousLoop, previousChildCode)) {
            out.report(previousPosition, previousLoop, "HL", 4, null, "HL_CHILD_CODE",
                    "HL04 is 1 (a child level follows) but no HL follows this one");
        }
        body = false;
    }

    @Override
    public void segment(Segment s) {
        if ("AAA".equals(s.tag)) {
            rejected |= REJECTING_LOOPS.contains(s.loop);
            return;
        }
        if ("SE".equals(s.tag)) {
            missingLevel(s.position);
            return;
        }
        if (!"HL".equals(s.tag)) {
            return;
        }
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
        levelsSeen.add(code);
        if ("23".equals(code)) {
            dependent = true;
        }
        previousId = key;
        previousChildCode = child;
        previousPosition = s.position;
        previousLoop = s.loop;
    }

    /** A response without one of its levels and without a rejection above it: the first level missing. */
    private void missingLevel(long position) {
        if (!response || rejected) {
            return;
        }
        for (String level : RESPONSE_LEVELS) {
            if (!levelsSeen.contains(level)) {
                out.report(position, LEVEL_LOOPS.get(level).substring(0, 5), "HL", null, null, "LOOP_MISSING",
                        "required loop " + LEVEL_LOOPS.get(level) + " is missing: a response leaves a level out only"
                                + " below a level that rejects the request (AAA)");
                return;
            }
        }
    }

    /**
     * Whether the set's guide allows an HL04 value at a level: if not, the schema has reported it. Asked of
     * the set's own code lists, so that a response after a request in one file is judged by the response's.
     */
    private boolean childCodeAllowed(String loop, String code) {
        if (loop == null) {
            return false;
        }
        return codeLists.codes(loop, "HL", 4, null).contains(code);
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
}
