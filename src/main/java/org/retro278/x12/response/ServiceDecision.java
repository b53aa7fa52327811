package org.retro278.x12.response;

import java.util.List;

/**
 * One service level (2000F) of a 278 response: which request line it answers and what was decided.
 *
 * @param position       1-based position of this 2000F among the response's service levels (the UMO repeats
 *                       the request's services in order)
 * @param hierarchicalId HL01 of the service level
 * @param traces         TRN01=2 service traces echoed from the request line, if it had one
 * @param procedure      the procedure the line names, {@code null} when it names none
 * @param serviceDates   DTP*472, {@code null} when absent
 * @param decision       the decision on this service, {@code null} when the level carries none (the event's
 *                       decision then covers it)
 */
public record ServiceDecision(int position, String hierarchicalId, List<Trace> traces, Procedure procedure,
                              DateRange serviceDates, Decision decision) {

    public ServiceDecision {
        traces = List.copyOf(traces);
    }

    @Override
    public String toString() {
        return "ServiceDecision[position=" + position + ", hl=" + hierarchicalId + ", traces=" + traces
                + ", procedure=" + procedure + ", serviceDates=" + (serviceDates == null ? "none" : "present")
                + ", decision=" + decision + "]";
    }
}
