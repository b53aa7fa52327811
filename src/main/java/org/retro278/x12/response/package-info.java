/**
 * Reading what payers send back: 278 responses (005010X217), 999 acknowledgments (005010X231A1) and TA1
 * interchange acknowledgments, as immutable records with plain words beside every code.
 *
 * <p>Entry point: {@link org.retro278.x12.response.ResponseReader}. It reads with StAEDI in the same single
 * pass that validates the input against the implementation guides (or, when asked, against the envelopes
 * only), so a document comes with the problems found in it ({@link
 * org.retro278.x12.response.InboundDocument#problems()}); problems outside any document (an envelope, a
 * set the reader does not report) are handed over on their own. Memory does not grow with the file: each
 * document is handed over when its transaction set (or its TA1 segment) ends.
 *
 * <p>What a 278 response, a 999 and a TA1 mean for the claim is decided in one place, {@link
 * org.retro278.x12.response.VerdictRules}, as a {@link org.retro278.x12.response.Verdict}: this package does
 * not depend on the store, which maps verdicts to its claim states. {@link
 * org.retro278.x12.response.ResponseJson} writes the documents as JSON Lines (the {@code read} command).
 *
 * <p>PHI: the records hold what the caller needs to match a response to its claim (trace numbers, dates,
 * procedure codes, authorization numbers) and never names, member ids, diagnoses or free text; their
 * {@code toString()} shows codes, counts and control numbers only. The copy of bad data a 999 may carry
 * (IK404) and its CTX business-unit values are never read.
 */
package org.retro278.x12.response;
