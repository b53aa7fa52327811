package org.retro278.x12.response;

/**
 * A TRN trace: TRN02 is the number, TRN03 who assigned it (1 or 9 followed by an id), TRN04 a sub-id.
 * In a 278 response, TRN01=2 traces echo the request's (what correlates the response with its claim) and
 * TRN01=1 traces are the UMO's own.
 */
public record Trace(String number, String originator, String division) {
}
