package org.retro278.mapping;

import java.util.Map;

/**
 * One service-line row of a claim file after its layout's mapping: the cells under the canonical
 * column names of the default layout (docs: claims-csv.md), as text. A cell that is empty or blank in
 * the file is absent from the map; values are trimmed. Dates are still text in the layout's own date
 * format ({@link ClaimLayout#dateFormat()}); the input rules parse them so that a bad date becomes a
 * per-claim reason, never a parse exception.
 *
 * @param row    the record number in the file, the header being row 1 (equals the line number unless a
 *               quoted cell spans lines)
 * @param defect why the row as a whole cannot be trusted (for example it has another number of cells
 *               than the header, or bytes that are not UTF-8), or {@code null}; a claim with a
 *               defective row is rejected with this reason
 */
public record ClaimRow(long row, Map<String, String> cells, String defect) {
    public ClaimRow {
        cells = Map.copyOf(cells);
    }

    public ClaimRow(long row, Map<String, String> cells) {
        this(row, cells, null);
    }

    /** The cell under a canonical column name, or {@code null} when absent. */
    public String get(String column) {
        return cells.get(column);
    }
}
