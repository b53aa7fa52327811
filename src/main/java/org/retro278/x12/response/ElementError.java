package org.retro278.x12.response;

/**
 * An IK4 of a 999: which element of the reported segment was wrong and how. The copy of the bad data
 * (IK404) is never kept: it may be PHI.
 *
 * @param position   IK401-1, element position in the segment
 * @param component  IK401-2, component position in a composite, or {@code null}
 * @param repetition IK401-3, repetition of a repeating element, or {@code null}
 * @param reference  IK402, the element's data element reference number, or {@code null}
 * @param error      IK403
 */
public record ElementError(Integer position, Integer component, Integer repetition, String reference, Code error) {

    /** The position as X12 writes it in IK401: {@code 2}, {@code 2:1}, {@code 2:1:3}. */
    public String location() {
        if (position == null) {
            return null;
        }
        StringBuilder b = new StringBuilder().append(position);
        if (component != null || repetition != null) {
            b.append(':').append(component == null ? "" : component);
        }
        if (repetition != null) {
            b.append(':').append(repetition);
        }
        return b.toString();
    }
}
