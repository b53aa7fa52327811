/**
 * Validation of X12 files against their implementation guides: 278 requests and responses (005010X217), 999
 * acknowledgments (005010X231A1) and the interchange envelope with its TA1 (X12 00501).
 * {@link org.retro278.x12.validation.X12Validator} checks files and streams (and can show every event of its
 * pass to an {@link org.retro278.x12.validation.X12EventListener}, which is how the response readers read and
 * validate in one pass); {@link org.retro278.x12.validation.X217CodeLists} gives the code lists, lengths and
 * code words, {@link org.retro278.x12.validation.InterchangeControl} the envelope's codes and ISA widths. The
 * guides' structure and code lists are data, in the versioned StAEDI schemas under
 * {@code org/retro278/x12/schema/}; what a schema cannot express is in rule families behind {@code SetRule},
 * gathered by {@code X217Rules} (the 278), and in {@code AcknowledgmentRules} (999 and TA1).
 */
package org.retro278.x12.validation;
