package org.retro278.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A sink that writes down what it is told, in order, as short readable lines. */
class RecordingSink implements ClaimGroupSink {

    final List<String> events = new ArrayList<>();
    final List<ClaimGroup> claims = new ArrayList<>();

    @Override
    public void claim(ClaimGroup group) throws Exception {
        claims.add(group);
        events.add("claim " + group.claimId() + " rows " + group.rows().stream()
                .map(r -> Long.toString(r.row())).collect(Collectors.joining(",")));
    }

    @Override
    public void retract(String claimId) {
        events.add("retract " + claimId);
    }

    @Override
    public void end() {
        events.add("end");
    }

    /** Every row handed on, in the order handed on. */
    List<ClaimRow> rows() {
        return claims.stream().flatMap(g -> g.rows().stream()).collect(Collectors.toList());
    }

    ClaimRow onlyRow() {
        List<ClaimRow> rows = rows();
        if (rows.size() != 1) {
            throw new AssertionError("expected one row, got " + rows.size() + ": " + events);
        }
        return rows.get(0);
    }
}
