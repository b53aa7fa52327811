package org.retro278.mapping;

import java.util.Map;

/**
 * One service-line row of a claim file after its layout's mapping: the cells under the canonical
 * column names of the default layout (docs: claims-csv.md), as text. A cell that is empty or blank in
 * the file is absent from the map; values are trimmed. Dates are still text in the layout's own date
 * format ({@link ClaimLayout#dateFormat()}); the input rules parse them so that a bad date becomes a
 * per-claim reason, never a parse exception.
 *
 * @param row      the line of the file the row starts on, the header being line 1
 * @param defect   why the row as a whole cannot be trusted (for example it has another number of cells
 *                 than the header, bytes that are not UTF-8, a line that is not valid CSV, a value longer
 *                 than any 278 element), or {@code null}; a claim with a defective row is rejected with
 *                 this reason
 * @param lastLine the line it ends on: more than {@code row} when a quoted cell spans lines
 */
public record ClaimRow(long row, Map<String, String> cells, String defect, long lastLine) {
    /**
     * The longest value a row hands on. No 278 element carries more than 264 characters, so the rules
     * refuse anything this long anyway; a longer cell is cut to a bounded, still distinct, form and makes the
     * row defective, so that no later step (report, store, logs) meets a value of unbounded length.
     */
    public static final int MAX_VALUE_LENGTH = 1000;

    public ClaimRow {
        cells = Map.copyOf(cells);
        if (lastLine < row) {
            throw new IllegalArgumentException("a row ends on or after the line it starts on");
        }
    }

    public ClaimRow(long row, Map<String, String> cells, String defect) {
        this(row, cells, defect, row);
    }

    public ClaimRow(long row, Map<String, String> cells) {
        this(row, cells, null, row);
    }

    /** The cell under a canonical column name, or {@code null} when absent. */
    public String get(String column) {
        return cells.get(column);
    }
}
