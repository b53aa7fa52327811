package org.retro278.x12.response;

import java.util.List;
import java.util.Objects;
import org.retro278.x12.X12Problem;

/**
 * A 278 response (005010X217, BHT02 = 11): the UMO's answer to one request.
 *
 * @param envelope      the response's own ISA13 / GS06 / ST02 (for audit; a 278 response does not echo ours)
 * @param bht03         BHT03: the request's submitter transaction identifier, returned (secondary correlation key)
 * @param traces        TRN01=2 traces at the patient event (2000E): the request's trace numbers echoed (the
 *                      primary correlation key)
 * @param umoTraces     TRN01=1 traces at the patient event: the UMO's own (useful to match a later final
 *                      response to a pended one)
 * @param moreToFollow  BHT06 = 19: the UMO will send another 278 later (pended)
 * @param requestValidations every AAA, at any level, in the order found
 * @param event         the decision on the patient event (2000E), {@code null} when it carries none
 * @param services      the service levels (2000F), in order, each with its decision if it has one
 * @param documentsRequested the documents the UMO asks for (PWK01/PWK02 at 2000E and 2000F), in file order
 * @param ruling        what this means for the claim ({@link VerdictRules})
 * @param problems      validation problems inside the set
 */
public record ReviewResponse(Envelope envelope, String bht03, List<Trace> traces, List<Trace> umoTraces,
                             boolean moreToFollow, List<RequestValidation> requestValidations, Decision event,
                             List<ServiceDecision> services, List<DocumentRequest> documentsRequested,
                             Ruling ruling, List<X12Problem> problems)
        implements InboundDocument {

    public ReviewResponse {
        Objects.requireNonNull(envelope, "envelope");
        traces = List.copyOf(traces);
        umoTraces = List.copyOf(umoTraces);
        requestValidations = List.copyOf(requestValidations);
        services = List.copyOf(services);
        documentsRequested = List.copyOf(documentsRequested);
        Objects.requireNonNull(ruling, "ruling");
        problems = List.copyOf(problems);
    }
}
