package org.retro278.mapping;

/**
 * What one read of a claim file handed on. Counts only, so it may be logged.
 *
 * @param rows          data rows handed on (header and blank rows not counted; each row once, even when
 *                      its claim was handed on twice)
 * @param claims        distinct claims handed on: each claim id once, each row without a claim id once
 * @param splitClaims   claims whose rows were not adjacent: retracted, then handed on whole after the end
 *                      of the file
 * @param defectiveRows rows handed on with a {@link ClaimRow#defect()}
 * @param blankRows     rows with no non-blank cell, skipped (they carry no data); counted so that no row
 *                      goes unaccounted
 */
public record ReadSummary(long rows, long claims, long splitClaims, long defectiveRows, long blankRows) {
}
