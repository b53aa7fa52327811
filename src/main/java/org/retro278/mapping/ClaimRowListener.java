package org.retro278.mapping;

import java.util.List;
import org.smooks.api.TypedKey;

/**
 * Where the Smooks side of a read ({@link ClaimCsvReader}, {@link ClaimRowHandOff}) hands its results to
 * the Java side: one listener per read, put into the Smooks execution context by {@link ClaimFileReader}.
 */
interface ClaimRowListener {

    TypedKey<ClaimRowListener> KEY = TypedKey.of(ClaimRowListener.class.getName());

    /**
     * The header has been read.
     *
     * @param sourceNames the header cells as written (BOM removed)
     * @param names       the same, {@link ColumnNames#normalise(String, int) normalised}; the reader
     *                    refuses duplicates after this call
     * @throws ClaimFileRefusedException when the file does not fit the layout
     */
    void header(List<String> sourceNames, List<String> names) throws ClaimFileRefusedException;

    /** A row without any non-blank cell was skipped: it starts on {@code line} and spans {@code lines}. */
    void blankRow(long line, long lines);

    /**
     * The read is complete: the file has {@code lines} physical lines, the first {@code headerLines} of
     * them up to and including the header; {@code unreadableLines} rows were lines that are not valid CSV.
     */
    void lines(long lines, long headerLines, long unreadableLines);

    /** One mapped row, in file order. */
    void row(ClaimRow row) throws Exception;
}
