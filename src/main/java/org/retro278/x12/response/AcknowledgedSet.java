package org.retro278.x12.response;

import java.util.List;

/**
 * One AK2 loop of a 999: the verdict on one transaction set we sent.
 *
 * @param transactionSetId AK201 (278 for our requests)
 * @param controlNumber    AK202: the ST02 of our set (the correlation key)
 * @param version          AK203, or {@code null}
 * @param status           IK501
 * @param setErrors        IK502-IK506
 * @param errors           the IK3 loops: segments in error
 * @param ruling           what it means for the claim of that set ({@link VerdictRules})
 */
public record AcknowledgedSet(String transactionSetId, String controlNumber, String version, Code status,
                              List<Code> setErrors, List<SegmentError> errors, Ruling ruling) {

    public AcknowledgedSet {
        setErrors = List.copyOf(setErrors);
        errors = List.copyOf(errors);
    }
}
