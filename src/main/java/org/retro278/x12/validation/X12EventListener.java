package org.retro278.x12.validation;

import io.xlate.edi.stream.EDIStreamEvent;
import io.xlate.edi.stream.EDIStreamReader;

/**
 * Sees what StAEDI reads during a validation pass, event by event, so that a reader can build its results
 * from the same single pass over the input (the response readers in {@code org.retro278.x12.response} do).
 *
 * <p>Each event arrives after the pass has handled it: when a segment's {@code END_SEGMENT} arrives, every
 * problem of that segment has been reported; when {@code END_TRANSACTION} arrives, every problem of the
 * transaction set has. A listener may ask the reader for text, location and reference codes; it must never
 * advance it.
 */
@FunctionalInterface
public interface X12EventListener {

    void event(EDIStreamReader reader, EDIStreamEvent event);
}
