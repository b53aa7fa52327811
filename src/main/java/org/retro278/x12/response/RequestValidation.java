package org.retro278.x12.response;

/**
 * An AAA segment: the UMO could not process (part of) the request.
 *
 * @param loop         the loop it was found in (2000A, 2010A, 2010B, 2010C, 2010D, 2000E, 2010EA, 2000F, 2010F...)
 * @param service      1-based position of the service level (2000F) it belongs to, {@code null} above the services
 * @param requestValid AAA01: {@code false} (N) when the request is not valid at this level; {@code true} (Y)
 *                     when it is valid but the reason applies (for example 42, unable to respond now)
 * @param reason       AAA03 reject reason
 * @param followUp     AAA04 follow-up action, {@code null} when absent
 */
public record RequestValidation(String loop, Integer service, boolean requestValid, Code reason, Code followUp) {
}
