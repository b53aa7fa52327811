package org.retro278.x12.response;

import java.util.List;

/**
 * An IK3 of a 999 with its IK4s: a segment of the acknowledged set that was wrong.
 *
 * @param segment  IK301, segment id
 * @param position IK302, position in the acknowledged set (ST = 1)
 * @param loop     IK303, the guide's loop id (at most 4 characters, so often shortened), or {@code null}
 * @param error    IK304, {@code null} when absent
 * @param elements the IK4s under it
 */
public record SegmentError(String segment, Integer position, String loop, Code error, List<ElementError> elements) {

    public SegmentError {
        elements = List.copyOf(elements);
    }
}
