package org.retro278.x12.response;

/**
 * The envelope a document arrived in, kept for audit: the payer's own control numbers (which a 278 response
 * does not echo from the request; a 999 and a TA1 echo ours inside their segments instead).
 *
 * @param sender                   ISA06, trimmed
 * @param receiver                 ISA08, trimmed
 * @param interchangeControlNumber ISA13
 * @param groupControlNumber       GS06, {@code null} for a TA1 (no group)
 * @param transactionControlNumber ST02, {@code null} for a TA1
 * @param segmentPosition          position of the ST (or TA1) segment, counted from the first ISA of the file
 */
public record Envelope(String sender, String receiver, String interchangeControlNumber, String groupControlNumber,
                       String transactionControlNumber, long segmentPosition) {
}
